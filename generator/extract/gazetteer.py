"""Small word lists the name finder leans on.

These are deliberately modest and hand-written: countries and major world
cities (so ``Paris`` is a place), well-known organisations and their short
forms, the words that mark a name as an organisation or a place, job titles
(so ``Assistant commissioner`` is a role, not part of a name), common first
names (so ``Patricia Gallan`` is a person even with no title), and capitalised
words that start sentences but are never names.  Everything is lower-cased
for lookup.
"""

from __future__ import annotations


def _lines(block: str) -> frozenset[str]:
    return frozenset(x.strip().lower() for x in block.strip().splitlines() if x.strip())


def _words(block: str) -> frozenset[str]:
    return frozenset(block.lower().split())


COUNTRIES = _lines("""
Afghanistan
Albania
Algeria
Andorra
Angola
Argentina
Armenia
Australia
Austria
Azerbaijan
Bahamas
Bahrain
Bangladesh
Barbados
Belarus
Belgium
Belize
Benin
Bhutan
Bolivia
Bosnia
Bosnia and Herzegovina
Botswana
Brazil
Brunei
Bulgaria
Burkina Faso
Burma
Burundi
Cambodia
Cameroon
Canada
Chad
Chile
China
Colombia
Congo
Costa Rica
Croatia
Cuba
Cyprus
Czech Republic
Czechia
Denmark
Djibouti
Dominican Republic
Ecuador
Egypt
El Salvador
England
Eritrea
Estonia
Ethiopia
Fiji
Finland
France
Gabon
Gambia
Georgia
Germany
Ghana
Great Britain
Britain
Greece
Guatemala
Guinea
Guyana
Haiti
Honduras
Hungary
Iceland
India
Indonesia
Iran
Iraq
Ireland
Northern Ireland
Israel
Italy
Ivory Coast
Jamaica
Japan
Jordan
Kazakhstan
Kenya
Kosovo
Kuwait
Kyrgyzstan
Laos
Latvia
Lebanon
Lesotho
Liberia
Libya
Liechtenstein
Lithuania
Luxembourg
Macedonia
North Macedonia
Madagascar
Malawi
Malaysia
Maldives
Mali
Malta
Mauritania
Mauritius
Mexico
Moldova
Monaco
Mongolia
Montenegro
Morocco
Mozambique
Myanmar
Namibia
Nepal
Netherlands
New Zealand
Nicaragua
Niger
Nigeria
North Korea
Norway
Oman
Pakistan
Palestine
Panama
Papua New Guinea
Paraguay
Peru
Philippines
Poland
Portugal
Qatar
Romania
Russia
Rwanda
Saudi Arabia
Scotland
Senegal
Serbia
Sierra Leone
Singapore
Slovakia
Slovenia
Somalia
South Africa
South Korea
South Sudan
Spain
Sri Lanka
Sudan
Suriname
Swaziland
Sweden
Switzerland
Syria
Taiwan
Tajikistan
Tanzania
Thailand
Togo
Tunisia
Turkey
Turkmenistan
Uganda
Ukraine
United Arab Emirates
UAE
United Kingdom
UK
United States
United States of America
US
USA
U.S.
Uruguay
Uzbekistan
Venezuela
Vietnam
Wales
Yemen
Zambia
Zimbabwe
Gaza
West Bank
Crimea
Kashmir
Tibet
Chechnya
Kurdistan
Europe
Asia
Africa
North America
South America
Latin America
Middle East
Antarctica
Scandinavia
Balkans
""")

CITIES = _lines("""
London
Paris
Berlin
Madrid
Barcelona
Rome
Milan
Naples
Lisbon
Dublin
Belfast
Edinburgh
Glasgow
Cardiff
Manchester
Birmingham
Liverpool
Leeds
Sheffield
Bristol
Newcastle
Nottingham
Leicester
Oxford
Cambridge
Brighton
Amsterdam
Rotterdam
The Hague
Brussels
Antwerp
Luxembourg
Geneva
Zurich
Bern
Vienna
Prague
Budapest
Warsaw
Krakow
Copenhagen
Stockholm
Oslo
Helsinki
Reykjavik
Athens
Istanbul
Ankara
Moscow
St Petersburg
Kiev
Kyiv
Minsk
Bucharest
Sofia
Belgrade
Zagreb
Sarajevo
Munich
Hamburg
Frankfurt
Cologne
Marseille
Lyon
Nice
Toulouse
Saint-Denis
Calais
New York
Washington
Los Angeles
San Francisco
Chicago
Boston
Miami
Houston
Dallas
Atlanta
Seattle
Philadelphia
Detroit
Las Vegas
San Diego
New Orleans
Denver
Orlando
San Bernardino
Toronto
Montreal
Vancouver
Ottawa
Mexico City
Havana
Bogota
Lima
Caracas
Santiago
Buenos Aires
Rio de Janeiro
Sao Paulo
Brasilia
Cairo
Alexandria
Tripoli
Tunis
Algiers
Casablanca
Rabat
Lagos
Abuja
Nairobi
Mogadishu
Addis Ababa
Khartoum
Johannesburg
Cape Town
Kinshasa
Dakar
Accra
Jerusalem
Tel Aviv
Beirut
Damascus
Aleppo
Raqqa
Homs
Baghdad
Mosul
Basra
Fallujah
Ramadi
Tehran
Riyadh
Jeddah
Mecca
Medina
Dubai
Abu Dhabi
Doha
Amman
Sanaa
Aden
Kabul
Kandahar
Islamabad
Karachi
Lahore
Delhi
New Delhi
Mumbai
Kolkata
Chennai
Bangalore
Dhaka
Kathmandu
Colombo
Beijing
Shanghai
Hong Kong
Guangzhou
Shenzhen
Wuhan
Taipei
Tokyo
Osaka
Kyoto
Hiroshima
Seoul
Pyongyang
Bangkok
Hanoi
Ho Chi Minh City
Manila
Jakarta
Kuala Lumpur
Singapore
Sydney
Melbourne
Brisbane
Perth
Canberra
Auckland
Wellington
""")

# Other well-known places that are neither countries nor big cities.
OTHER_PLACES = _lines("""
Westminster
Whitehall
Downing Street
Scotland Yard
Wall Street
Silicon Valley
Capitol Hill
Brooklyn
Manhattan
Kent
Essex
Surrey
Yorkshire
Lancashire
Cornwall
Devon
California
Texas
Florida
New Jersey
Virginia
Ohio
Michigan
Illinois
Bavaria
Catalonia
Sinai
""")

PLACES = COUNTRIES | CITIES | OTHER_PLACES

# Organisations worth knowing by name; each line is one organisation, its
# other names after "=" (merged only when the article itself uses both).
_KNOWN_ORGS = """
Metropolitan Police = Met | Met Police | Metropolitan Police Service | Scotland Yard
Islamic State = Isis | Isil | IS | Daesh | Islamic State of Iraq and the Levant
al-Qaeda = al-Qaida | al Qaeda
Taliban
Boko Haram
Hamas
Hezbollah
United Nations = UN
European Union = EU
Nato
World Health Organization = WHO
International Monetary Fund = IMF
World Bank
Red Cross
Amnesty International
Human Rights Watch
Federal Bureau of Investigation = FBI
Central Intelligence Agency = CIA
National Security Agency = NSA
MI5
MI6
GCHQ
National Health Service = NHS
British Broadcasting Corporation = BBC
The Guardian = Guardian
The Times
The Sunday Times
The Independent
The Telegraph = Daily Telegraph
The Observer
Daily Mail = Mail Online
The Sun
Daily Mirror = Mirror
Financial Times = FT
The Economist
Sky News
ITV
Channel 4
CNN
Fox News
NBC
CBS
ABC
NPR
New York Times
Washington Post
Wall Street Journal
Los Angeles Times
USA Today
Le Monde
Le Figaro
Der Spiegel
Al Jazeera
Associated Press = AP
Reuters
Agence France-Presse = AFP
Press Association = PA
Bloomberg
IBTimes = IBTimes UK | International Business Times
Google
Apple
Microsoft
Facebook
Twitter
Amazon
Labour = Labour Party
Conservatives = Conservative Party | Tories
Liberal Democrats = Lib Dems
Ukip
SNP
Democrats = Democratic Party
Republicans = Republican Party
Parliament
Congress
Senate
Pentagon
Kremlin
White House
Home Office
Foreign Office
Interpol
Europol
"""

KNOWN_ORGS: dict[str, tuple[str, ...]] = {}
for _line in _KNOWN_ORGS.strip().splitlines():
    _name, _, _rest = _line.partition("=")
    KNOWN_ORGS[_name.strip()] = tuple(a.strip() for a in _rest.split("|") if a.strip())
# lower-cased name or alias -> canonical name
ORG_LOOKUP: dict[str, str] = {}
for _name, _aliases in KNOWN_ORGS.items():
    for _n in (_name, *_aliases):
        ORG_LOOKUP.setdefault(_n.lower(), _name)

# Last words that make a capitalised run an organisation.
ORG_SUFFIXES = _words("""
police constabulary ministry council party inc inc. ltd ltd. plc llc corp corp. corporation company
co group bank university college school hospital agency service services department office
committee commission association union court parliament government army navy
force forces authority institute foundation trust club board bureau fc brigade
federation league network news times post herald journal gazette tribune telegraph
organisation organization movement front alliance coalition assembly cabinet regiment
squad unit command guard guards airlines airways railways charity society church mosque
industries holdings partners securities motors foods systems technologies communications
enterprises laboratories pharmaceuticals
rail airport energy telecom media international petroleum steel mining financial insurance
resources electric chemical chemicals software networks solutions brands stores bancorp capital
entertainment pictures studios records labs aerospace logistics utilities investments
""")
# First words of "X of Y" organisation names: Ministry of Defence, Bank of England.
ORG_PREFIXES = _words("""
ministry department university bank office institute council court house federation
board bureau commission committee church college school museum society union league
""")
# Last words that make a capitalised run a place.
PLACE_SUFFIXES = _words("""
street road avenue lane square bridge river lake mountains mountain island islands
county province region district airport station park city town village valley bay
sea ocean coast hills heights arena stadium
""")

# Job titles.  HEAD_TITLES can stand alone before a name ("Commissioner Smith");
# TITLE_MODIFIERS only combine with a head ("Assistant Commissioner").
HEAD_TITLES = _words("""
commissioner president minister secretary chancellor director officer chief inspector
superintendent sergeant constable detective mayor governor senator congressman congresswoman
ambassador spokesman spokeswoman spokesperson leader chairman chairwoman chair executive ceo
founder professor judge justice general colonel captain lieutenant commander admiral marshal
brigadier major king queen prince princess pope bishop archbishop cardinal rabbi imam sheikh
councillor mp mep representative attorney prosecutor coach manager editor correspondent
premier emir sultan chancellor commandant warden deputy analyst economist strategist publisher
sen. rep. gov. gen. col. capt. lt. sgt. rev. supt. insp. det. prof.
""")
TITLE_MODIFIERS = _words("""
assistant deputy vice acting former interim chief senior junior prime foreign home interior
defence defense justice health finance general police state shadow first executive managing
detective lord high supreme attorney district county city co- sub vice- associate
lieutenant principal permanent lead commanding
tourism education transport environment trade energy culture agriculture housing immigration
treasury economy industry communications security development staff
""")
# Courtesy titles: they mark a person but are not a role.
HONORIFICS = _words("mr mrs ms miss sir dame lord lady dr mr. mrs. ms. dr.")

# Common given names, so a capitalised pair starting with one is a person.
FIRST_NAMES = _words("""
aaron adam adrian ahmed alan alex alexander alexandra ali alice alison amanda amy andrea
andrew angela angus ann anna anne anthony antonio barack barbara ben benjamin bernard bernie
beth bill bob boris brian bruce carl carlos caroline catherine charles charlie chris
christian christine christopher claire colin craig dan daniel david deborah dennis diana
diane donald douglas ed edward elizabeth ellen emily emma emmanuel eric fatima francois
frank fran\u00e7ois gary george gordon grace graham hannah harry helen henry hillary hugh ian
isabel jack jacob james jane janet jason jean jeff jennifer jeremy jessica jim joan joe john
jonathan jose joseph julia julie justin karen kate katherine keith kevin laura lee linda lisa
liz louise lucy luke margaret maria mark martin mary matthew michael michelle mike mohamed
mohammed muhammad nancy natalie neil nicholas nick nicola nigel oliver omar patricia patrick
paul peter philip rachel richard robert roger ruth ryan sadiq sam samantha sarah scott sean
simon sophie stephen steve steven stuart susan theresa thomas tim timothy tom tony valerie
victoria vladimir william yvette angela francois hassan hussein abdel abdelhamid salah
ahmad abu vincent pierre jacques marie nicolas manuel sergei dmitry olga ivan li wei
juan miguel luis jorge pedro pablo javier carmen rosa ana lucia diego fernando ricardo
alejandro eduardo raul sergio francisco rafael roberto enrique alberto andres gabriel hector
elena sofia isabella gustavo felipe camila valentina mario marco giuseppe giovanni luca matteo
paolo francesca giulia chiara stefano alessandro lorenzo hans klaus jurgen wolfgang angela
helmut gerhard ursula katrin stefan andreas markus thomas heinrich friedrich lars nils erik
sven ingrid astrid anders henrik jens mikkel jan piotr pawel tomasz krzysztof agnieszka anna
janos laszlo istvan zoltan viktor gyula peter ferenc andras milos dragan goran zoran ana
ahmet mehmet mustafa recep emine ayse yusuf ibrahim khalid tariq hamid karim nasser walid
ayman youssef layla leila samir rania noor zainab reza ali hossein javad mahmoud farid
raj rahul amit priya anil sunil narendra sanjay vijay ravi deepak arjun indira sonia
hiroshi takeshi yuki kenji shinzo naoto akira haruki xi hu jiang zhang chen liu wang yang
kim park min jung sung lee nguyen thanh minh kofi kwame ama amina chinedu ngozi olu
oluwaseun emeka nelson jacob cyril thabo desmond winnie ellen uhuru paul yoweri
kerry gerry gerard janos bertalan boris yuri mikhail nikolai alexei tatiana natalia
irina svetlana leonid viktor zbigniew lech jaroslaw donald martin al fred harold howard
walter ralph arthur albert ernest eugene gene jerry larry terry wayne dale glenn roy ray
russell bruce randy ronald rick ricky dennis dean bradley brad kyle kurt todd troy
lauren megan rebecca nicole stephanie melissa heather amber crystal tiffany kelly shannon
betty dorothy sandra donna carol sharon cynthia kathleen pamela debra marilyn judith
joyce virginia gloria evelyn jean cheryl mildred frances doris ruby lois kathy
""")

# Capitalised words that open sentences (or headings) but never start a name.
NOT_NAMES = _words("""
a an the this that these those there here it its i we you he she they his her their our my
your in on at for from to of by with without into after before during since until while
when where why how what which who whom whose if but and or nor so yet also as than then
although though because however meanwhile moreover furthermore nevertheless nonetheless
instead indeed still even only just already now today yesterday tomorrow tonight last next
earlier later recently currently previously initially finally eventually some many most
more much few several all both each every any no none other others another such one two
three four five six seven eight nine ten authorities officials armed do does did
critics experts analysts witnesses residents people sources reports according asked
speaking describing adding police said says according following despite amid under over
about around between among against across through throughout within along among
yes no not please thanks thank oh well why breaking update updated read watch
related see photo image picture video live monday tuesday wednesday thursday friday
saturday sunday january february march april may june july august september october
november december spring summer autumn winter christmas easter
""")

# Pronouns that can stand for the last named speaker.
PRONOUNS = _words("he she they")
