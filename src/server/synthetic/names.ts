/**
 * Name lists for synthetic persons, from the languages of pathfinder countries.
 * Common given and family names (public knowledge, no real persons). Variants
 * are spellings and transliterations the same person may be recorded under.
 */
export interface NamePool {
  language: string;
  female: string[];
  male: string[];
  family: string[];
  /** Other ways of writing a name part, as different agencies record it. */
  variants: Record<string, string[]>;
}

export const NAME_POOLS: NamePool[] = [
  {
    language: 'ne',
    female: [
      'Sita',
      'Gita',
      'Anita',
      'Sunita',
      'Maya',
      'Sarita',
      'Kamala',
      'Laxmi',
      'Puja',
      'Sabina',
      'Rita',
      'Bimala',
    ],
    male: [
      'Ram',
      'Hari',
      'Krishna',
      'Bikash',
      'Suman',
      'Rajesh',
      'Dipak',
      'Santosh',
      'Ramesh',
      'Prakash',
      'Nabin',
      'Sunil',
    ],
    family: [
      'Tamang',
      'Thapa',
      'Magar',
      'Gurung',
      'Rai',
      'Limbu',
      'Shrestha',
      'Sharma',
      'Adhikari',
      'Yadav',
      'Chaudhary',
      'Sherpa',
      'Lama',
      'B.K.',
    ],
    variants: {
      Laxmi: ['Lakshmi', 'Luxmi'],
      Dipak: ['Deepak'],
      Krishna: ['Krisna'],
      Chaudhary: ['Chaudhari', 'Choudhary'],
      'B.K.': ['Bishwakarma', 'BK'],
      Sita: ['सीता'],
      Ram: ['राम'],
      Tamang: ['तामाङ'],
    },
  },
  {
    language: 'fr',
    female: ['Aminata', 'Fatou', 'Awa', 'Mariam', 'Adjoua', 'Aya', 'Marie', 'Affoué'],
    male: ['Kouassi', 'Yao', 'Koffi', 'Moussa', 'Ibrahim', 'Jean', 'Konan', 'Seydou'],
    family: [
      'Kouadio',
      'Koné',
      'Traoré',
      'Ouattara',
      'Coulibaly',
      'Yao',
      "N'Guessan",
      'Diabaté',
      'Bamba',
    ],
    variants: {
      Koné: ['Kone'],
      "N'Guessan": ['Nguessan', 'N Guessan'],
      Affoué: ['Affoue'],
      Traoré: ['Traore'],
    },
  },
  {
    language: 'es',
    female: ['María', 'Rosa', 'Juana', 'Luz', 'Flor', 'Yesenia', 'Carmen', 'Ana'],
    male: ['José', 'Juan', 'Luis', 'Carlos', 'Jhon', 'Wilber', 'Edwin', 'Miguel'],
    family: [
      'Quispe',
      'Mamani',
      'Huamán',
      'Flores',
      'Condori',
      'García',
      'Rodríguez',
      'Chávez',
      'Ccahuana',
    ],
    variants: {
      Huamán: ['Guamán', 'Huaman'],
      Jhon: ['John'],
      Quispe: ['Quispi'],
      María: ['Maria'],
      Chávez: ['Chaves'],
    },
  },
  {
    language: 'en',
    female: ['Grace', 'Mercy', 'Esther', 'Patience', 'Joyce', 'Agnes'],
    male: ['Kwame', 'Kofi', 'Samuel', 'Isaac', 'Emmanuel', 'Joseph'],
    family: ['Mensah', 'Owusu', 'Boateng', 'Nakato', 'Okello', 'Banda', 'Phiri'],
    variants: { Mensah: ['Mensa'], Okello: ['Okelo'] },
  },
  {
    language: 'mg',
    female: ['Voahangy', 'Hanitra', 'Lalao', 'Fara'],
    male: ['Rivo', 'Tiana', 'Hery', 'Andry'],
    family: ['Rakotomalala', 'Randrianarisoa', 'Rasoanaivo', 'Razafindrakoto'],
    variants: { Rakotomalala: ['Rakotomalal', 'Rakoto Malala'] },
  },
  {
    language: 'vi',
    female: ['Thị Lan', 'Thị Hoa', 'Thị Mai', 'Ngọc Anh'],
    male: ['Văn Nam', 'Văn Hùng', 'Minh Đức', 'Quốc Bảo'],
    family: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng'],
    variants: { Nguyễn: ['Nguyen', 'Nguen'], 'Thị Lan': ['Thi Lan'], Trần: ['Tran'] },
  },
  {
    language: 'ar',
    female: ['Fatima', 'Khadija', 'Amina', 'Salma'],
    male: ['Mohamed', 'Youssef', 'Ahmed', 'Omar'],
    family: ['El Amrani', 'Ben Ali', 'Bennani', 'Trabelsi', 'Ould Ahmed'],
    variants: {
      Mohamed: ['Mohammed', 'Muhammad', 'محمد'],
      Youssef: ['Youssif', 'Yusuf'],
      'Ben Ali': ['Benali', 'بن علي'],
      Fatima: ['Fatma', 'فاطمة'],
    },
  },
  {
    language: 'am',
    female: ['Almaz', 'Tigist', 'Meseret', 'Hirut'],
    male: ['Abebe', 'Tesfaye', 'Dawit', 'Solomon'],
    family: ['Bekele', 'Tadesse', 'Girma', 'Haile'],
    variants: { Abebe: ['አበበ'], Tesfaye: ['Tesfay'], Haile: ['Hailé'] },
  },
];
