import type { Language } from '../../../contract';

/*
 * Stopwords: function words that say nothing about what a text is about. Based on the usual
 * Snowball lists, trimmed of words that do carry meaning for a small business ("open" asks about
 * hours), and extended with greetings and politeness ("hi", "graag", "takk"), "how much"-type question
 * words (they also ask "how many") and the generic verbs every request has ("make", "need", "kijken",
 * "trenger"), which otherwise tie unrelated messages to an intent. Words are in folded form (see
 * foldText).
 */

const en = `a about above after again against all also am an and any are aren as at be because been before
being below between both but by can cannot could couldn did didn do does doesn doing don down during each
either else even ever every few for from further get gets getting got had hadn has hasn have haven having he
hello help her here hers herself hey hi him himself his how however i if im in into is isn it its itself ive just
kind let lets like ll look looking make makes made making may me might mine more most much must my myself need needs no nor not now of off ok okay on once one
only or other others our ours ourselves out over own please quite re really regards same shall she should
shouldn so some such than thank thanks that the their theirs them themselves then there these they thing
this those through to too under until up us ve very want was wasn we were weren what whatever when where
whether which while who whom whose why will with won would wouldn yes yet you your yours yourself yourselves`;

const nl = `aan al alle alles als alsjeblieft alstublieft altijd andere ben bent bij bedankt daar daarom dan dank
dat de der deze die dit doch doe doen door dus een eens eigenlijk en er even ga gaan gaat ge geen geweest graag
haar had hadden hallo heb hebben hebt heeft hem het hier hij hoe hoeveel hoi hou houd houden hulp hun iemand iets ik in is ja je jij jou jouw
jullie kan kijk kijken kon konden krijg krijgen krijgt kunnen kunt maak maakt maar maken me meer men met mag mij mijn misschien moet moeten mogen na naar niet nodig
niets nog nu of om omdat onder ons onze ook op over reeds s t te tegen toch toen tot u uit uw van vanaf veel
voor waar waarom wanneer want waren was wat we wel welk welke werd wezen wie wij wil wilde willen wilt worden
wordt zal ze zelf zich zij zijn zo zodat zonder zou zouden zullen`;

const nb = `alle at av bare begge ble bli blir blitt både da de deg dem den denne der dere deres det dette din
disse ditt du eller en enn er et ett etter for fordi fra få får før gjerne gjort gjør gjøre ha hadde han hans har hei hele hennes hjelp
her hun hva hvem hver hvilke hvilken hvis hvor hvordan hvorfor i ikke ingen inn ja jeg kan kanskje kom kunne
lage laget liker litt man mange med meg mellom men min mine mitt mot mye må ned noe noen nå når og også om opp oss over på samme
se seg selv ser si siden sin sine sitt skal skulle slik som så takk til trenger trenge tusen ut uten var vennligst ved vi vil ville
vår være vært å`;

function toSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter(Boolean));
}

export const stopwords: Readonly<Record<Language, ReadonlySet<string>>> = {
  en: toSet(en),
  nl: toSet(nl),
  nb: toSet(nb),
};

const anyLanguage: ReadonlySet<string> = new Set([...stopwords.en, ...stopwords.nl, ...stopwords.nb]);

/** Is `word` (folded) a stopword in `language`, or in any of the three when no language is given? */
export function isStopword(word: string, language?: Language | null): boolean {
  return (language ? stopwords[language] : anyLanguage).has(word);
}
