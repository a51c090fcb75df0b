/** Word lists for the benchmark population. ASCII only, so address local parts can be built from them directly. */

export const FIRST_NAMES = [
  'Ada', 'Alan', 'Alice', 'Amir', 'Ana', 'Andrea', 'Anna', 'Arjun', 'Ben', 'Bruno', 'Carla', 'Carlos', 'Chen', 'Chloe', 'Chris', 'Claire',
  'Daniel', 'David', 'Diana', 'Diego', 'Elena', 'Emma', 'Eric', 'Eva', 'Fatima', 'Felix', 'Fiona', 'Frank', 'Grace', 'Hana', 'Hannah', 'Hugo',
  'Ian', 'Ines', 'Isaac', 'Ivan', 'Jack', 'James', 'Jane', 'Javier', 'Jin', 'John', 'Jonas', 'Julia', 'Karim', 'Kate', 'Kenji', 'Laura',
  'Lea', 'Leo', 'Li', 'Lina', 'Lucas', 'Lucy', 'Luis', 'Maria', 'Mark', 'Marta', 'Maya', 'Mei', 'Michael', 'Mohamed', 'Nadia', 'Nina',
  'Noah', 'Nora', 'Olga', 'Omar', 'Oscar', 'Paul', 'Pedro', 'Peter', 'Priya', 'Rafael', 'Rahul', 'Rosa', 'Ruth', 'Sam', 'Sara', 'Sean',
  'Sofia', 'Sven', 'Tariq', 'Tom', 'Uma', 'Victor', 'Wei', 'Yara', 'Yuki', 'Zoe',
] as const;

/** Common surnames cover most people; the rest are built from syllables so the name space has a long tail, as real directories do. */
export const COMMON_SURNAMES = [
  'Adams', 'Ahmed', 'Ali', 'Anderson', 'Bauer', 'Becker', 'Brown', 'Chen', 'Clark', 'Costa', 'Davis', 'Diaz', 'Dubois', 'Evans', 'Fischer',
  'Garcia', 'Gomez', 'Gonzalez', 'Green', 'Hall', 'Hansen', 'Hernandez', 'Hill', 'Hoffmann', 'Huang', 'Ito', 'Jackson', 'Jensen', 'Johnson',
  'Jones', 'Khan', 'Kim', 'King', 'Klein', 'Kowalski', 'Kumar', 'Lee', 'Lewis', 'Li', 'Lopez', 'Martin', 'Martinez', 'Meyer', 'Miller',
  'Moore', 'Muller', 'Murphy', 'Nguyen', 'Nielsen', 'Novak', 'Okafor', 'Olsen', 'Patel', 'Perez', 'Petrov', 'Rossi', 'Russo', 'Sanchez',
  'Santos', 'Schmidt', 'Schneider', 'Silva', 'Singh', 'Smith', 'Suzuki', 'Tanaka', 'Taylor', 'Thomas', 'Thompson', 'Wagner', 'Walker',
  'Wang', 'Weber', 'White', 'Williams', 'Wilson', 'Wong', 'Wright', 'Yamamoto', 'Young', 'Zhang',
] as const;

export const SURNAME_SYLLABLES = [
  'an', 'ber', 'cal', 'dor', 'el', 'fen', 'gar', 'hol', 'is', 'jan', 'kel', 'lin', 'mar', 'nor', 'ol', 'pet',
  'ros', 'sal', 'tor', 'ul', 'van', 'wen', 'yor', 'zan', 'ba', 'ko', 'mi', 'ra', 'so', 'tu',
] as const;

export const DEPARTMENTS = ['Sales', 'Marketing', 'Finance', 'Legal', 'R&D', 'Engineering', 'Support', 'Operations', 'HR', 'IT', 'Research, Development'] as const;

export const JOB_TITLES = ['Engineer', 'Senior Engineer', 'Analyst', 'Manager', 'Director', 'Consultant', 'Account Executive', 'Support Specialist', 'Accountant', 'Designer'] as const;

export interface Office {
  readonly officeLocation: string;
  readonly streetAddress: string;
  readonly city: string;
  readonly state: string;
  readonly postalCode: string;
  readonly country: string;
  readonly usageLocation: string;
}

export const OFFICES: readonly Office[] = [
  { officeLocation: 'Redmond 1', streetAddress: '1 Microsoft Way', city: 'Redmond', state: 'WA', postalCode: '98052', country: 'United States', usageLocation: 'US' },
  { officeLocation: 'NYC', streetAddress: '11 Times Square, Floor 9', city: 'New York', state: 'NY', postalCode: '10036', country: 'United States', usageLocation: 'US' },
  { officeLocation: 'London', streetAddress: '2 Kingdom Street', city: 'London', state: '', postalCode: 'W2 6BD', country: 'United Kingdom', usageLocation: 'GB' },
  { officeLocation: 'Paris', streetAddress: '39 Quai du President Roosevelt', city: 'Issy-les-Moulineaux', state: '', postalCode: '92130', country: 'France', usageLocation: 'FR' },
  { officeLocation: 'Munich', streetAddress: 'Walter-Gropius-Strasse 5', city: 'Munich', state: 'Bavaria', postalCode: '80807', country: 'Germany', usageLocation: 'DE' },
  { officeLocation: 'Bangalore', streetAddress: 'Signature Building, Embassy Golf Links', city: 'Bengaluru', state: 'Karnataka', postalCode: '560071', country: 'India', usageLocation: 'IN' },
];

export const GUEST_DOMAINS = ['fabrikam.com', 'northwindtraders.com', 'adatum.com', 'tailspintoys.com', 'gmail.com'] as const;

export const TAGS = ['app', 'sso', 'work', 'test'] as const;

export const SERVICE_NAMES = ['backup', 'ci', 'jira', 'reporting', 'sync', 'monitor', 'etl'] as const;
