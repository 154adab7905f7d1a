/**
 * Name variants that mean the same person: English, French and Spanish
 * diminutives, and common romanisations of Arabic and other names. Each line
 * is one canonical form followed by its variants; every form maps to the
 * canonical one. A small, reviewable table (extend it per country pack);
 * variants shared by two names (e.g. "alex") are left out of one of them on
 * purpose, so the table never forces a false equivalence.
 */
const VARIANTS = `
william bill billy will willy liam guillermo guillaume wilhelm
robert bob bobby rob robbie bert roberto
richard dick rick ricky rich ricardo
james jim jimmy jamie jaime jacques
john jack johnny jon juan jean johan ivan
elizabeth liz beth betty eliza lizzie libby elisabeth isabel isabelle isabella
margaret maggie meg peggy marge margarita marguerite
katherine catherine kathryn kate katie cathy kathy kat caterina catalina
michael mike mick mikey miguel michel mikhail
thomas tom tommy tomas
joseph joe joey jose pepe giuseppe youssef yusuf yousef yosef
charles charlie chuck carlos carlo karl
edward ed eddie ted ned eduardo edouard
alexander alex sasha sandy alejandro alexandre aleksandr iskander
daniel dan danny
david dave davy dawit
christopher chris kit cristobal christophe
patricia pat patty trish
jennifer jen jenny
rebecca becky becca
samuel sam sammy
benjamin ben benny
nicholas nick nicky nicolas nikolai
anthony tony antonio antoine anton
andrew andy drew andres andre andrei
matthew matt mateo matthieu
stephen steven steve esteban etienne stefan
timothy tim
susan sue susie susana suzanne
deborah debbie deb
victoria vicky tori
abigail abby
jessica jess jessie
joshua josh
zachary zach
nathaniel nathan nate nat
gregory greg gregorio gregoire
frederick fred freddie federico frederic
henry harry hank enrique henri
francis frank francisco paco pancho francois franz
lawrence larry lorenzo laurent
peter pete pedro pierre piotr
raymond ray ramon
ronald ron ronnie
donald don donnie
kenneth ken kenny
gerald gerry jerry gerardo gerard
leonard leo len lenny leonardo
manuel manolo manu emmanuel
ignacio nacho ignace
dolores lola
concepcion concha conchita
rosario charo
maria mari marie mary mariam maryam miriam
jesus chucho chuy
guadalupe lupe
gonzalo chalo
mohammed muhammad mohamed mohammad mohamad muhammed mehmet mohd mamadou
ahmed ahmad ahmet
fatima fatma fatimah fatoumata
hussein husain hussain hossein husayn
ibrahim ebrahim brahim
aisha aicha ayesha aishah
khadija khadidja khadijah
abdullah abdallah abdulla
omar umar omer
osman uthman othman
hassan hasan
mustafa mostafa moustapha mustapha
sulaiman suleiman soliman suleyman
`;

const CANONICAL = new Map<string, string>();
for (const line of VARIANTS.trim().split('\n')) {
  const [head, ...rest] = line.trim().split(/\s+/);
  if (!head) continue;
  for (const form of [head, ...rest]) if (!CANONICAL.has(form)) CANONICAL.set(form, head);
}

/** The canonical form of a normalised given-name token ("bill" → "william"); the token itself if unknown. */
export function canonicalName(token: string): string {
  return CANONICAL.get(token) ?? token;
}
