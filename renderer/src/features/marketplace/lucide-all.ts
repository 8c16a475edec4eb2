// Every lucide icon, loaded on demand: templates name their icon and any lucide name may come.
export * from 'lucide-react';
