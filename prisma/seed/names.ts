// Names for a diverse urban district: first names by heritage and gender, family
// names by heritage, and school namesakes. Heritage keys follow RaceEthnicity.
import type { Gender, RaceEthnicity } from '../../lib/generated/prisma/enums';
import type { Random } from './random';

type Heritage = 'HISPANIC' | 'BLACK' | 'WHITE' | 'ASIAN' | 'NATIVE' | 'PACIFIC';

const FIRST_NAMES: Record<Heritage, { female: readonly string[]; male: readonly string[] }> = {
  HISPANIC: {
    female: [
      'Sofía',
      'Valentina',
      'Camila',
      'Isabella',
      'Ximena',
      'Lucía',
      'Mariana',
      'Daniela',
      'Gabriela',
      'Natalia',
      'Ana',
      'Renata',
      'Paola',
      'Alejandra',
      'Yaretzi',
      'Guadalupe',
      'Itzel',
      'Fernanda',
      'Luna',
      'Emilia',
    ],
    male: [
      'Mateo',
      'Santiago',
      'Diego',
      'Emiliano',
      'Sebastián',
      'Alejandro',
      'Iker',
      'Leonardo',
      'Gael',
      'Joaquín',
      'Luis',
      'Carlos',
      'Miguel',
      'Adrián',
      'Ángel',
      'Jesús',
      'Julián',
      'Nicolás',
      'Tomás',
      'Rafael',
    ],
  },
  BLACK: {
    female: [
      'Aaliyah',
      'Zuri',
      'Imani',
      'Nia',
      'Amara',
      'Kiara',
      'Jasmine',
      'Destiny',
      'Aisha',
      'Ebony',
      'Makayla',
      'Brielle',
      'Tiana',
      'Nyla',
      'Adaeze',
      'Khadija',
      'Ayana',
      'Sanaa',
      'Journee',
      'Harmony',
    ],
    male: [
      'Jaylen',
      'Malik',
      'Darius',
      'Jamal',
      'Isaiah',
      'Elijah',
      'Kofi',
      'Tariq',
      'Andre',
      'Marcus',
      'Jalen',
      'Xavier',
      'Khalil',
      'Amari',
      'Chidi',
      'Omari',
      'Terrence',
      'Devon',
      'Kwame',
      'Micah',
    ],
  },
  WHITE: {
    female: [
      'Emma',
      'Olivia',
      'Ava',
      'Charlotte',
      'Amelia',
      'Harper',
      'Evelyn',
      'Abigail',
      'Ella',
      'Hannah',
      'Lily',
      'Grace',
      'Chloe',
      'Nora',
      'Claire',
      'Maya',
      'Anya',
      'Zoe',
      'Riley',
      'Katie',
    ],
    male: [
      'Liam',
      'Noah',
      'Oliver',
      'William',
      'James',
      'Benjamin',
      'Lucas',
      'Henry',
      'Jack',
      'Owen',
      'Wyatt',
      'Caleb',
      'Connor',
      'Ethan',
      'Logan',
      'Ryan',
      'Dylan',
      'Aidan',
      'Cole',
      'Nathan',
    ],
  },
  ASIAN: {
    female: [
      'Mei',
      'Aiko',
      'Priya',
      'Ananya',
      'Linh',
      'Hana',
      'Ji-woo',
      'Saanvi',
      'Mai',
      'Yuna',
      'Kim',
      'Aarohi',
      'Xin',
      'Thảo',
      'Sakura',
      'Min-seo',
      'Ishita',
      'Lan',
      'Nisha',
      'Hyejin',
    ],
    male: [
      'Ethan',
      'Arjun',
      'Minh',
      'Kenji',
      'Jun',
      'Rohan',
      'Hao',
      'Vivaan',
      'Tuan',
      'Hiroshi',
      'Min-jun',
      'Aarav',
      'Wei',
      'Bao',
      'Kai',
      'Ravi',
      'Daniel',
      'Ji-ho',
      'Sora',
      'Duc',
    ],
  },
  NATIVE: {
    female: ['Aiyana', 'Winona', 'Kimi', 'Halona', 'Tala', 'Nayeli', 'Catori', 'Aponi', 'Sahkyo', 'Elena'],
    male: ['Ahanu', 'Dakota', 'Takoda', 'Hinto', 'Kele', 'Enapay', 'Chayton', 'Elan', 'Ashkii', 'Mason'],
  },
  PACIFIC: {
    female: ['Leilani', 'Malia', 'Kalena', 'Moana', 'Noelani', 'Siosaia', 'Ana', 'Lani', 'Mele', 'Ofa'],
    male: ['Kainoa', 'Keanu', 'Makoa', 'Sione', 'Tevita', 'Koa', 'Nalu', 'Manaia', 'Iosefa', 'Kale'],
  },
};

const FAMILY_NAMES: Record<Heritage, readonly string[]> = {
  HISPANIC: [
    'García',
    'Martínez',
    'Rodríguez',
    'Hernández',
    'López',
    'González',
    'Pérez',
    'Sánchez',
    'Ramírez',
    'Torres',
    'Flores',
    'Rivera',
    'Gómez',
    'Díaz',
    'Reyes',
    'Morales',
    'Cruz',
    'Ortiz',
    'Gutiérrez',
    'Chávez',
    'Ramos',
    'Castillo',
    'Mendoza',
    'Vargas',
    'Romero',
    'Herrera',
    'Medina',
    'Aguilar',
    'Vega',
    'Delgado',
  ],
  BLACK: [
    'Johnson',
    'Williams',
    'Brown',
    'Jackson',
    'Davis',
    'Harris',
    'Robinson',
    'Thomas',
    'Washington',
    'Jefferson',
    'Banks',
    'Coleman',
    'Bryant',
    'Simmons',
    'Okafor',
    'Mensah',
    'Adeyemi',
    'Diallo',
    'Booker',
    'Gaines',
    'Freeman',
    'Mitchell',
    'Holloway',
    'Dixon',
    'Warren',
    'Baptiste',
    'Joseph',
    'Asante',
    'Tshibangu',
    'Ellison',
  ],
  WHITE: [
    'Smith',
    'Miller',
    'Anderson',
    'Wilson',
    'Taylor',
    'Moore',
    'Clark',
    'Lewis',
    'Walker',
    'Hall',
    'Young',
    'Allen',
    'King',
    'Wright',
    'Scott',
    'Baker',
    'Nelson',
    'Carter',
    'Murphy',
    "O'Brien",
    'Kowalski',
    'Novak',
    'Schmidt',
    'Larsen',
    'Sullivan',
    'Peterson',
    'Becker',
    'Russo',
    'Fischer',
    'Olsen',
  ],
  ASIAN: [
    'Nguyen',
    'Tran',
    'Le',
    'Pham',
    'Kim',
    'Lee',
    'Park',
    'Chen',
    'Wang',
    'Li',
    'Zhang',
    'Liu',
    'Patel',
    'Shah',
    'Singh',
    'Kumar',
    'Tanaka',
    'Sato',
    'Yamamoto',
    'Wong',
    'Huang',
    'Vang',
    'Xiong',
    'Lor',
    'Choi',
    'Reddy',
    'Das',
    'Hoang',
    'Vu',
    'Chowdhury',
  ],
  NATIVE: [
    'Begay',
    'Yazzie',
    'Benally',
    'Tsosie',
    'Whitehorse',
    'Redcloud',
    'Littlefeather',
    'Runningwater',
    'Cornsilk',
    'Deschenie',
    'Harjo',
    'Bearheart',
  ],
  PACIFIC: ['Kahale', 'Kealoha', 'Fonoti', 'Tupou', 'Faleolo', 'Mahoe', 'Palakiko', 'Tuilagi', 'Vaifale', 'Akana'],
};

const NONBINARY_NAMES = ['Alex', 'Jordan', 'Rowan', 'Sage', 'River', 'Quinn', 'Avery', 'Emerson', 'Skyler', 'Remy'];

const HERITAGES: readonly Heritage[] = ['HISPANIC', 'BLACK', 'WHITE', 'ASIAN', 'NATIVE', 'PACIFIC'];

function heritageOf(race: RaceEthnicity, random: Random): Heritage {
  switch (race) {
    case 'HISPANIC_LATINO':
      return 'HISPANIC';
    case 'BLACK':
      return 'BLACK';
    case 'WHITE':
      return 'WHITE';
    case 'ASIAN':
      return 'ASIAN';
    case 'AMERICAN_INDIAN_ALASKA_NATIVE':
      return 'NATIVE';
    case 'NATIVE_HAWAIIAN_PACIFIC_ISLANDER':
      return 'PACIFIC';
    default:
      return random.pick(HERITAGES.slice(0, 4));
  }
}

export interface PersonName {
  firstName: string;
  lastName: string;
}

export function personName(race: RaceEthnicity, gender: Gender, random: Random): PersonName {
  // Two-or-more families draw first and family names from different heritages.
  const familyHeritage = heritageOf(race, random);
  const givenHeritage = race === 'TWO_OR_MORE' ? heritageOf('NOT_REPORTED', random) : familyHeritage;
  const given = FIRST_NAMES[givenHeritage];
  const firstName =
    gender === 'NONBINARY' && random.chance(0.6)
      ? random.pick(NONBINARY_NAMES)
      : random.pick(gender === 'FEMALE' || (gender !== 'MALE' && random.chance(0.5)) ? given.female : given.male);
  return { firstName, lastName: random.pick(FAMILY_NAMES[familyHeritage]) };
}

/** An adult's name, for tutors and coordinators. */
export function adultName(random: Random): PersonName {
  const race = random.weighted<RaceEthnicity>([
    ['HISPANIC_LATINO', 30],
    ['BLACK', 25],
    ['WHITE', 32],
    ['ASIAN', 10],
    ['TWO_OR_MORE', 3],
  ]);
  return personName(race, random.chance(0.7) ? 'FEMALE' : 'MALE', random);
}

/** "Sofía García-López" -> "sofia.garcia-lopez": plain ASCII for e-mail addresses. */
export function emailLocalPart(name: PersonName): string {
  const plain = (text: string): string =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z-]/g, '');
  return `${plain(name.firstName)}.${plain(name.lastName)}`;
}

export const SCHOOL_NAMESAKES: readonly string[] = [
  'Mary McLeod Bethune',
  'César Chávez',
  'Frederick Douglass',
  'Amelia Earhart',
  'Benjamin Franklin',
  'Ruth Bader Ginsburg',
  'Fannie Lou Hamer',
  'Dorothy Height',
  'Langston Hughes',
  'Zora Neale Hurston',
  'Mae Jemison',
  'Katherine Johnson',
  'Barbara Jordan',
  'Helen Keller',
  'Yuri Kochiyama',
  'Ellen Ochoa',
  'Rosa Parks',
  'Sally Ride',
  'Jackie Robinson',
  'Sonia Sotomayor',
  'Sojourner Truth',
  'Harriet Tubman',
  'Booker T. Washington',
  'Ida B. Wells',
  'Phillis Wheatley',
  'Dolores Huerta',
  'Wilma Mankiller',
  'Thurgood Marshall',
  'Maya Angelou',
  'Jim Thorpe',
  'Patsy Mink',
  'Shirley Chisholm',
];

export const SCHOOL_PLACES: readonly string[] = [
  'Brookside',
  'Cedar Hill',
  'Eastgate',
  'Fairview',
  'Glenwood',
  'Hawthorne',
  'Highland Park',
  'Lakeview',
  'Maple Grove',
  'Meadowbrook',
  'Northside',
  'Oak Grove',
  'Pine Ridge',
  'Prairie View',
  'Riverside',
  'Rolling Hills',
  'Southwood',
  'Sunnyside',
  'Westlake',
  'Willow Creek',
  'Bluebonnet',
  'Stonegate',
  'Harbor View',
  'Mill Creek',
];
