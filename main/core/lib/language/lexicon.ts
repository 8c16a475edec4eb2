import type { Language } from '../../../contract';

/**
 * A small cross-language lexicon of small-business concepts: the words a customer uses for the same
 * thing in English, Dutch and Norwegian bokmål. The analyzer adds the concept ("#price") as an extra
 * feature of every word that belongs to it, so "Wat kost een onderhoudsbeurt?" meets "A standard
 * service costs €79" and "sykkelbutikk" meets "bike shop". A word may belong to several concepts.
 *
 * Words are written as a customer types them (folded: lower case, accents removed except æ/ø/å); they
 * are stemmed with their language's stemmer when the lexicon is loaded.
 */
export const concepts: Record<string, Partial<Record<Language, string>>> = {
  // time and availability
  hours: {
    en: 'open opens opening hours closed close closes closing',
    nl: 'open opent geopend openingstijden openingstijd openingsuren uur uren gesloten dicht sluit sluiten',
    nb: 'åpen åpent åpne åpner åpningstid åpningstider stengt stenger lukket lukker',
  },
  monday: { en: 'monday mondays', nl: 'maandag maandagen', nb: 'mandag mandager' },
  tuesday: { en: 'tuesday tuesdays', nl: 'dinsdag dinsdagen', nb: 'tirsdag tirsdager' },
  wednesday: { en: 'wednesday wednesdays', nl: 'woensdag woensdagen', nb: 'onsdag onsdager' },
  thursday: { en: 'thursday thursdays', nl: 'donderdag donderdagen', nb: 'torsdag torsdager' },
  friday: { en: 'friday fridays', nl: 'vrijdag vrijdagen', nb: 'fredag fredager' },
  saturday: { en: 'saturday saturdays', nl: 'zaterdag zaterdagen', nb: 'lørdag lørdager' },
  sunday: { en: 'sunday sundays', nl: 'zondag zondagen', nb: 'søndag søndager' },
  weekend: { en: 'weekend weekends', nl: 'weekend weekenden', nb: 'helg helgen helgene' },
  holiday: {
    en: 'christmas easter holiday holidays',
    nl: 'kerst kerstmis pasen feestdag feestdagen',
    nb: 'jul julen påske påsken helligdag helligdager',
  },
  today: { en: 'today tonight', nl: 'vandaag vanavond', nb: 'idag ikveld' },
  tomorrow: { en: 'tomorrow', nl: 'morgen', nb: 'imorgen' },
  morning: { en: 'morning mornings', nl: 'ochtend ochtends', nb: 'morgen morgenen formiddag' },
  evening: { en: 'evening evenings', nl: 'avond avonden', nb: 'kveld kvelden' },
  week: { en: 'week weeks', nl: 'week weken', nb: 'uke uker uka' },
  month: { en: 'month months monthly', nl: 'maand maanden maandelijks', nb: 'måned måneder månedlig' },
  office: { en: 'office desk floor', nl: 'kantoor bureau verdieping', nb: 'kontor kontoret etasje' },
  available: {
    en: 'available availability free spot spots',
    nl: 'beschikbaar beschikbaarheid vrij plek plekken plaats',
    nb: 'ledig ledige tilgjengelig plass ledighet',
  },
  wait: { en: 'wait waiting', nl: 'wachten wachttijd', nb: 'vente ventetid' },
  duration: { en: 'long takes duration', nl: 'lang duurt', nb: 'lang lenge' },

  // money
  price: {
    en: 'price prices pricing cost costs fee fees rate rates charge charges tariff expensive cheap',
    nl: 'prijs prijzen prijslijst kost kosten tarief tarieven goedkoop',
    nb: 'pris priser prisen prisliste koster kostnad kostnader takst dyr billig',
  },
  payment: {
    en: 'pay paid paying payment payments card cash',
    nl: 'betalen betaal betaald betaling betalingen pinnen contant',
    nb: 'betale betal betalt betaling betalinger kontant vipps',
  },
  invoice: {
    en: 'invoice invoices invoiced bill bills billing',
    nl: 'factuur facturen gefactureerd rekening',
    nb: 'faktura fakturaen fakturaer fakturert regning',
  },
  refund: {
    en: 'refund refunds refunded reimburse money',
    nl: 'terugbetaling terugbetalen terugstorting geld',
    nb: 'refusjon refundert tilbakebetaling tilbakebetalt pengene penger',
  },
  discount: {
    en: 'discount discounts offer offers deal',
    nl: 'korting kortingen aanbieding aanbiedingen',
    nb: 'rabatt rabatter tilbud',
  },
  tax: {
    en: 'vat tax taxes',
    nl: 'btw belasting belastingen aangifte',
    nb: 'mva moms skatt skatten skattemelding',
  },
  expense: {
    en: 'expense expenses expensed reimbursement declaration',
    nl: 'declaratie declaraties declareren onkosten',
    nb: 'utlegg reiseregning refusjon',
  },
  receipt: {
    en: 'receipt receipts',
    nl: 'bon bonnen bonnetje kassabon',
    nb: 'kvittering kvitteringer kvitteringen',
  },
  salary: {
    en: 'salary salaries payslip wage wages payroll',
    nl: 'salaris loon loonstrook',
    nb: 'lønn lønna lønnen lønnsslipp',
  },
  budget: { en: 'budget budgets', nl: 'budget budgetten', nb: 'budsjett budsjettet' },
  accounting: {
    en: 'accounting accountant accountants bookkeeping bookkeeper annual accounts',
    nl: 'boekhouding boekhouder accountant jaarrekening administratie',
    nb: 'regnskap regnskapet regnskapsfører bokføring årsregnskap',
  },
  deadline: { en: 'deadline deadlines due', nl: 'deadline termijn vervaldatum', nb: 'frist fristen forfall' },

  // booking
  booking: {
    en: 'book booked booking bookings appointment appointments reserve reservation reservations schedule',
    nl: 'afspraak afspraken boeken boeking reserveren reservering reserveringen inplannen',
    nb: 'booke booket booking bestille bestilling time timer timen avtale reservere reservasjon',
  },
  cancel: {
    en: 'cancel cancels cancelled canceled cancelling cancellation terminate',
    nl: 'annuleren annuleer annulering afzeggen afmelden opzeggen opzegging',
    nb: 'avbestille avbestilling avlyse avlyst kansellere oppsigelse avslutte',
  },
  change: {
    en: 'change reschedule move postpone',
    nl: 'wijzigen verzetten verplaatsen veranderen',
    nb: 'endre endring flytte utsette',
  },
  table: { en: 'table tables', nl: 'tafel tafels', nb: 'bord bordet' },
  guests: {
    en: 'people persons person guests guest group',
    nl: 'personen persoon gasten mensen groep',
    nb: 'personer person gjester folk gruppe',
  },
  menu: {
    en: 'menu dishes dish food',
    nl: 'menu menukaart gerechten gerecht eten',
    nb: 'meny menyen retter rett mat',
  },
  dietary: {
    en: 'allergy allergies allergic gluten lactose nut nuts vegan vegetarian',
    nl: 'allergie allergieen allergisch gluten lactose noten veganistisch vegetarisch',
    nb: 'allergi allergier allergisk gluten laktose nøtter vegansk vegetar vegetarisk',
  },
  parking: {
    en: 'parking park',
    nl: 'parkeren parkeerplaats parkeerplaatsen parking',
    nb: 'parkering parkere parkeringsplass',
  },
  location: {
    en: 'address location located directions route',
    nl: 'adres locatie route',
    nb: 'adresse beliggenhet veibeskrivelse ligger',
  },
  contact: {
    en: 'phone call telephone contact number',
    nl: 'telefoon bellen telefoonnummer contact',
    nb: 'telefon ringe ring kontakt telefonnummer',
  },

  // bikes, cars, repairs
  bike: {
    en: 'bike bikes bicycle bicycles cycle ebike',
    nl: 'fiets fietsen rijwiel ebike',
    nb: 'sykkel sykler sykkelen syklene elsykkel',
  },
  shop: {
    en: 'shop shops store stores',
    nl: 'winkel winkels zaak',
    nb: 'butikk butikken butikker forretning',
  },
  repair: {
    en: 'repair repairs repaired fix fixed broken mend',
    nl: 'reparatie reparaties repareren gerepareerd kapot',
    nb: 'reparasjon reparasjoner reparere reparert fikse ødelagt',
  },
  tyre: {
    en: 'tyre tyres tire tires tube',
    nl: 'band banden binnenband buitenband',
    nb: 'dekk dekket dekkene slange dekkskift vinterdekk sommerdekk',
  },
  puncture: { en: 'puncture punctured flat', nl: 'lek lekke lekband', nb: 'punktering punktert' },
  service: {
    en: 'service servicing maintenance tune checkup',
    nl: 'onderhoud onderhoudsbeurt beurt servicebeurt',
    nb: 'service vedlikehold overhaling',
  },
  brake: { en: 'brake brakes', nl: 'rem remmen', nb: 'brems bremser bremsene' },
  rental: { en: 'rent rental rentals hire', nl: 'huren verhuur huur', nb: 'leie utleie' },
  buy: { en: 'buy buying purchase sell sale', nl: 'kopen koop verkoop', nb: 'kjøpe kjøp salg selge' },
  car: { en: 'car cars vehicle', nl: 'auto autos wagen', nb: 'bil bilen biler' },
  inspection: {
    en: 'mot inspection roadworthiness',
    nl: 'apk keuring',
    nb: 'eu kontroll euk',
  },
  oil: { en: 'oil', nl: 'olie', nb: 'olje' },
  loan: { en: 'courtesy replacement loan', nl: 'leenfiets leenauto vervangend', nb: 'lånebil lånesykkel' },

  // health, beauty
  dentist: {
    en: 'dentist dental teeth tooth',
    nl: 'tandarts tand tanden gebit',
    nb: 'tannlege tann tenner tennene tannhelse',
  },
  pain: {
    en: 'pain painful ache toothache hurts hurt',
    nl: 'pijn kiespijn tandpijn',
    nb: 'smerte smerter vondt tannpine',
  },
  urgent: {
    en: 'emergency urgent asap immediately',
    nl: 'spoed dringend noodgeval',
    nb: 'akutt haster nødstilfelle',
  },
  cleaning: {
    en: 'cleaning clean hygienist polish',
    nl: 'reinigen gebitsreiniging mondhygienist',
    nb: 'tannrens rens',
  },
  insurance: {
    en: 'insurance insured insurer policy',
    nl: 'verzekering verzekerd verzekeraar polis',
    nb: 'forsikring forsikret forsikringen polise',
  },
  patient: { en: 'patient patients register', nl: 'patient patienten inschrijven', nb: 'pasient pasienter' },
  haircut: {
    en: 'haircut haircuts hair trim hairdresser barber',
    nl: 'knippen kapper haar kapsel',
    nb: 'klipp klippe hår frisør frisøren',
  },
  colour: { en: 'colour color dye highlights', nl: 'kleur kleuren verven', nb: 'farge farging striper' },
  beard: { en: 'beard shave', nl: 'baard scheren', nb: 'skjegg barbering' },

  // shop, orders
  order: {
    en: 'order orders ordered',
    nl: 'bestelling bestellingen bestellen besteld bestelnummer',
    nb: 'bestilling bestillingen ordre bestilt bestille ordrenummer',
  },
  delivery: {
    en: 'delivery deliver delivered shipping ship shipped parcel package tracking track',
    nl: 'levering leveren geleverd bezorging bezorgen bezorgd verzending verzenden verzonden pakket',
    nb: 'levering levere levert frakt sending pakke pakken spore sporing',
  },
  return: {
    en: 'return returns returned exchange',
    nl: 'retour retourneren terugsturen ruilen',
    nb: 'retur returnere returnert bytte',
  },
  size: { en: 'size sizes', nl: 'maat maten', nb: 'størrelse størrelser' },
  stock: { en: 'stock inventory', nl: 'voorraad', nb: 'lager lagerstatus' },
  product: {
    en: 'product products item items',
    nl: 'product producten artikel artikelen',
    nb: 'produkt produkter vare varer',
  },
  coffee: { en: 'coffee beans espresso', nl: 'koffie bonen', nb: 'kaffe bønner' },
  grinder: { en: 'grinder grind', nl: 'molen malen', nb: 'kvern male' },
  brewing: {
    en: 'filter pourover brew brewing',
    nl: 'filter filterkoffie zetten',
    nb: 'filter filterkaffe trakte traktekaffe',
  },
  subscription: {
    en: 'subscription subscriptions membership',
    nl: 'abonnement abonnementen lidmaatschap',
    nb: 'abonnement abonnementet medlemskap',
  },
  pause: { en: 'pause freeze', nl: 'pauzeren pauze', nb: 'pause' },

  // IT
  password: {
    en: 'password passwords login log sign',
    nl: 'wachtwoord inloggen',
    nb: 'passord logge innlogging',
  },
  printer: { en: 'printer print printing', nl: 'printer printen afdrukken', nb: 'skriver printer utskrift' },
  paperjam: { en: 'jam jammed paper', nl: 'papierstoring papier vastgelopen', nb: 'papirstopp papir' },
  network: {
    en: 'wifi internet network vpn connection',
    nl: 'wifi internet netwerk verbinding vpn',
    nb: 'wifi internett nettverk tilkobling vpn',
  },
  computer: {
    en: 'laptop computer pc screen',
    nl: 'laptop computer scherm',
    nb: 'pc datamaskin bærbar skjerm',
  },
  email: { en: 'email mail outlook inbox', nl: 'email mail mailtje', nb: 'epost mail' },
  account: { en: 'account access', nl: 'account toegang', nb: 'konto tilgang' },
  problem: {
    en: 'problem problems issue issues error slow crash',
    nl: 'probleem problemen storing fout foutmelding traag',
    nb: 'problem problemer feil feilmelding treg',
  },

  // HR
  leave: {
    en: 'leave vacation holiday off',
    nl: 'verlof vakantie vakantiedagen vrije',
    nb: 'ferie feriedager permisjon fri fridager',
  },
  sick: {
    en: 'sick ill illness',
    nl: 'ziek ziekmelding ziekmelden',
    nb: 'syk sykmelding sykemelding egenmelding',
  },
  parental: {
    en: 'parental maternity paternity',
    nl: 'ouderschapsverlof zwangerschapsverlof',
    nb: 'foreldrepermisjon pappapermisjon',
  },
  onboarding: {
    en: 'onboarding first start starting',
    nl: 'eerste beginnen starten',
    nb: 'første starte begynne oppstart',
  },
  employee: {
    en: 'employee employees colleague colleagues staff team',
    nl: 'medewerker medewerkers collega collegas personeel',
    nb: 'ansatt ansatte kollega kolleger',
  },
  contract: { en: 'contract', nl: 'contract', nb: 'kontrakt arbeidskontrakt' },
  job: {
    en: 'job jobs vacancy vacancies apply application applying position cv',
    nl: 'vacature vacatures solliciteren sollicitatie baan functie cv',
    nb: 'stilling stillinger jobb søke søknad cv',
  },
  interview: { en: 'interview interviews', nl: 'sollicitatiegesprek gesprek', nb: 'intervju jobbintervju' },
  approve: {
    en: 'approve approved approval manager',
    nl: 'goedkeuren goedgekeurd goedkeuring leidinggevende manager',
    nb: 'godkjenne godkjent godkjenning leder',
  },

  // sales, property, fitness, hotel
  demo: { en: 'demo demonstration trial', nl: 'demo proefperiode', nb: 'demo prøveperiode' },
  quote: {
    en: 'quote quotation estimate proposal',
    nl: 'offerte prijsopgave',
    nb: 'tilbud pristilbud anbud',
  },
  house: {
    en: 'house home apartment property flat',
    nl: 'huis woning appartement',
    nb: 'hus bolig leilighet eiendom',
  },
  viewing: {
    en: 'viewing view visit',
    nl: 'bezichtiging bezichtigen bekijken',
    nb: 'visning visningen befaring',
  },
  mortgage: { en: 'mortgage', nl: 'hypotheek', nb: 'boliglån' },
  bid: { en: 'bid', nl: 'bod bieden', nb: 'bud' },
  gym: {
    en: 'gym fitness training workout',
    nl: 'sportschool fitness trainen training',
    nb: 'treningssenter trening trene',
  },
  class: {
    en: 'class classes lesson lessons course',
    nl: 'les lessen cursus groepsles groepslessen',
    nb: 'kurs gruppetime gruppetimer',
  },
  trainer: { en: 'trainer coach personal', nl: 'trainer coach', nb: 'trener personlig' },
  room: { en: 'room rooms', nl: 'kamer kamers', nb: 'rom rommet' },
  breakfast: { en: 'breakfast', nl: 'ontbijt', nb: 'frokost' },
  checkin: { en: 'check checkin checkout', nl: 'inchecken uitchecken', nb: 'innsjekk utsjekk sjekke' },
  transport: {
    en: 'taxi airport shuttle train',
    nl: 'taxi luchthaven vliegveld trein',
    nb: 'taxi flyplass flytog tog',
  },
  recommend: {
    en: 'recommend recommendation recommendations tips',
    nl: 'aanraden aanbevelen aanbeveling tip tips',
    nb: 'anbefale anbefaling anbefalinger tips',
  },
  restaurant: {
    en: 'restaurant dinner lunch eat',
    nl: 'restaurant diner lunch eten',
    nb: 'restaurant middag lunsj spise',
  },

  // plumbing, insurance
  leak: {
    en: 'leak leaking leaks burst pipe pipes flooding flood',
    nl: 'lekkage lekt leiding leidingen gesprongen overstroming',
    nb: 'lekkasje lekker rør røret vannlekkasje oversvømmelse',
  },
  water: { en: 'water', nl: 'water', nb: 'vann vannet' },
  heating: {
    en: 'heating boiler radiator radiators',
    nl: 'verwarming cv ketel radiator',
    nb: 'oppvarming varmtvannsbereder varmepumpe radiator',
  },
  drain: {
    en: 'drain blocked toilet sink clogged',
    nl: 'afvoer verstopt verstopping wc toilet gootsteen',
    nb: 'avløp tett tette toalett vask',
  },
  claim: {
    en: 'claim claims damage damaged',
    nl: 'claim schade schadeclaim schademelding',
    nb: 'skade skademelding erstatning',
  },
  accident: { en: 'accident collision crash', nl: 'ongeluk aanrijding', nb: 'ulykke kollisjon' },
  theft: { en: 'theft stolen burglary', nl: 'diefstal gestolen inbraak', nb: 'tyveri stjålet innbrudd' },
  photo: { en: 'photo photos picture pictures', nl: 'foto fotos', nb: 'bilde bilder foto' },

  // marketing, events
  newsletter: {
    en: 'newsletter newsletters mailing',
    nl: 'nieuwsbrief nieuwsbrieven mailing',
    nb: 'nyhetsbrev',
  },
  campaign: {
    en: 'campaign campaigns promotion promote marketing',
    nl: 'campagne campagnes actie promotie marketing',
    nb: 'kampanje kampanjer markedsføring',
  },
  idea: {
    en: 'idea ideas inspiration suggestion suggestions',
    nl: 'idee ideeen inspiratie suggestie suggesties',
    nb: 'ide ideer inspirasjon forslag',
  },
  social: {
    en: 'social media instagram facebook linkedin post posts',
    nl: 'sociale media instagram facebook linkedin posten',
    nb: 'sosiale medier instagram facebook linkedin innlegg',
  },
  comment: {
    en: 'comment comments reply replies respond',
    nl: 'reactie reacties reageren',
    nb: 'kommentar kommentarer svare svar',
  },
  review: {
    en: 'review reviews rating stars feedback',
    nl: 'review reviews recensie beoordeling',
    nb: 'anmeldelse anmeldelser omtale vurdering',
  },
  complaint: {
    en: 'complaint complain unhappy disappointed angry',
    nl: 'klacht klagen ontevreden teleurgesteld boos',
    nb: 'klage misfornøyd skuffet sint',
  },
  event: {
    en: 'event events party conference workshop',
    nl: 'evenement evenementen feest bijeenkomst',
    nb: 'arrangement arrangementet fest konferanse',
  },
  attend: {
    en: 'rsvp attend attending join register registration',
    nl: 'aanmelden aanmelding aanwezig inschrijven inschrijving',
    nb: 'påmelding melde delta deltar',
  },
  programme: { en: 'programme program agenda', nl: 'programma agenda', nb: 'program programmet agenda' },
  dresscode: { en: 'dress wear', nl: 'dresscode kledingvoorschrift', nb: 'antrekk kleskode' },

  // operations, software
  supplier: {
    en: 'supplier suppliers vendor',
    nl: 'leverancier leveranciers',
    nb: 'leverandør leverandører',
  },
  purchase: { en: 'purchase po', nl: 'inkoop inkooporder', nb: 'innkjøp innkjøpsordre' },
  late: {
    en: 'late delay delayed overdue',
    nl: 'vertraging vertraagd',
    nb: 'forsinket forsinkelse sen',
  },
  integration: {
    en: 'integration integrations integrate connect api',
    nl: 'koppeling koppelingen koppelen integratie',
    nb: 'integrasjon integrasjoner koble',
  },
  user: {
    en: 'invite user users member',
    nl: 'uitnodigen gebruiker gebruikers',
    nb: 'invitere bruker brukere',
  },
  import: { en: 'import export csv', nl: 'importeren exporteren', nb: 'importere eksportere' },
  setup: { en: 'setup install configure', nl: 'instellen installeren', nb: 'oppsett installere konfigurere' },
};
