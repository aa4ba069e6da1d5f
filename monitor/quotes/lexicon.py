"""The word lists a name is checked against: given names by gender, titles, roles, places,
peoples, and the words that make a name no person's.

Data only; names.py holds the checks that use them.
"""

from __future__ import annotations

_split = str.split  # word lists are written as text, one readable line each

MALE = frozenset(
    _split(
        "aaron adam adrian ahmed al alan albert alex alexander alexei ali andrew andy angel "
        "anthony antonin antony arnold arthur barack barry ben benjamin bernie bill billy bob "
        "bobby boris brad bradley brandon brendan brett brian bruce bryan carl carlos chad "
        "charles charlie chris christian christopher chuck clarence cliff clint cory craig dale "
        "dan daniel danny darrell dave david dennis derek devin dick don donald doug douglas "
        "duncan dwight ed eddie edward emmanuel eric ernest evan frank franklin fred gary gavin "
        "gene george gerald glenn gordon grant greg gregory harold harry hector henry howard hugh "
        "ian isaac jack jacob jake james jared jason jay jeb jeff jeffrey jeremy jerry jesse jim "
        "jimmy joe joel john johnny jon jonathan jorge jose joseph josh joshua juan justin keith "
        "ken kenneth kevin kurt kyle lamar lance larry lee leon lindsey lloyd louis luis lin "
        "marco marcus mario mark martin matt matthew max michael mike mitch mitt mohammed "
        "muhammad nathan neil newt nick nicholas noah oliver omar orrin oscar patrick paul pete "
        "peter phil philip rahm ralph rand randy raymond reince reggie ricardo richard rick rob "
        "robert rod rodney roger ron ronald roy rudy rush russ russell ryan sam samuel scott sean "
        "sergei seth shawn sheldon stephen steve steven stuart ted terry thomas tim timothy todd "
        "tom tommy tony travis trey troy tyler victor vince vincent vladimir walter wayne will "
        "william xi yuri zach eric barron rex dmitry recep shinzo narendra bashar volodymyr jens "
        "antony marc corey beau marty jeffery lou dinesh marvin wes jamal raynard cornell scot "
        "dexter trevor malcolm alfonso javier lionel rafael bernard massimo tad hank ethan eli "
        "norm lyndon jerome cory darren dylan gil manuel miguel pedro francisco fernando "
        "sergio ahmad mahmoud khalid abdul ibrahim yusuf benny ken kenny ray ricky stan "
        "wesley wilbur barney bret felix gus jesus jimmie leroy nathaniel ned rudolph sonny "
        "tobias federico"
    )
)
FEMALE = frozenset(
    _split(
        "abigail alexandra alice alicia alison amanda amy ana andrea angela angelina ann anna "
        "anne annie april ashley barbara becky betsy betty beverly brenda carly carol caroline "
        "carolyn catherine cathy charlotte cheryl christina christine cindy claire claudia connie "
        "cynthia dana debbie deborah debra denise diana diane donna dolores doris dorothy elaine "
        "eleanor elizabeth ellen emily emma erin eva evelyn fiona frances gabrielle gina gloria "
        "grace hannah heather heidi helen hillary holly huma irene jackie jacqueline jane janet "
        "janice jean jeanne jennifer jessica jill joan joanne jodi joy joyce judith judy julia "
        "julie karen kate katherine kathleen kathy katie kay kelly kellyanne kimberly kirsten "
        "laura lauren linda lisa loretta lori louise lucy lynn madeleine maggie marcia margaret "
        "maria marie marilyn marsha martha mary maxine megan megyn melania melanie melissa meryl "
        "michele michelle monica nancy natalie nicole nikki nina olivia pam pamela patricia patty "
        "paula peggy penny rachel rebecca regina rita roberta rosa rose ruth sally samantha "
        "sandra sara sarah sharon sheila shirley sonia sophia stephanie sue susan suzanne tammy "
        "tanya teresa theresa tiffany tina tracy ursula valerie vanessa victoria virginia wanda "
        "wendy yvonne ivanka chelsea condoleezza tulsi kamala dianne kirstjen elise juanita nicola "
        "federica kristalina jacinda liz melanne renee kelli rebekah libby mariam monique "
        "esther jeanette maryanne courtney jillian carole beth jen jenny kristen kristin krista "
        "erica tara gail joni lynne marianne patti sheryl kimberley katrina bonnie colleen "
        "darlene eileen gwen ingrid jeanine joanna josephine kristina lydia marjorie mildred "
        "miriam myra nadia naomi nora norma priscilla roxanne sylvia terri trish veronica "
        "vivian yolanda zoe ivana arianna"
    )
)
MEN_IN_A = frozenset(
    _split(
        "joshua luca nikita ilya sasha misha dima kolya vova kostya mustafa hamza osama zakaria "
        "yahya attila garcia costa silva sousa"
    )
)
TITLES_MALE = frozenset(["mr.", "mr", "sir", "lord", "king", "prince", "father", "brother"])
TITLES_FEMALE = frozenset(["ms.", "ms", "mrs.", "mrs", "miss", "madam", "lady", "queen", "sister"])
PERSON_TITLES = frozenset(
    _split(
        "mr. mrs. ms. dr. sen. rep. gov. gen. prof. rev. lt. col. capt. sgt. president senator "
        "representative governor secretary minister spokesman spokeswoman spokesperson chancellor "
        "judge justice mayor ambassador chairman chairwoman director adviser advisor professor "
        "congressman congresswoman sheriff chief commissioner pope prince king queen"
    )
)

# Nouns for what a person is or does, written before a name ("Obama consultant Cornell Belcher")
# or after it in an apposition ("Raynard Jackson, a Republican campaign consultant").
ROLE_NOUNS = frozenset(
    _split(
        "analyst consultant strategist pollster adviser advisor aide official officer developer "
        "manager director executive founder owner partner lawyer attorney prosecutor counsel "
        "lobbyist activist organizer organiser volunteer delegate superdelegate candidate nominee "
        "lawmaker legislator congressman congresswoman senator governor mayor sheriff judge "
        "chairman chairwoman chair president secretary minister ambassador spokesman spokeswoman "
        "spokesperson commissioner leader head chief economist expert professor researcher "
        "scientist historian scholar author writer reporter correspondent columnist editor "
        "commentator journalist host anchor producer student teacher worker retiree veteran "
        "farmer businessman businesswoman entrepreneur investor donor fundraiser operative "
        "supporter voter resident member friend cousin brother sister father mother son daughter "
        "wife husband pastor priest bishop rabbi doctor physician nurse coach ceo fellow"
    )
)

# Jobs the list above lacks, written capitalised before a name as its title ("Actor Clint Howard",
# "Maricopa County Recorder Helen Purcell", "Rival Hillary Clinton"): never the name's first word.
# Words that count or leave indefinite who is meant ("a spokesman", "one Republican", "some
# officials"): such a description names no one an earlier name could be.
COUNTING_WORDS = frozenset(_split("a an one another some several many most few other two three"))

JOB_NOUNS = frozenset(
    _split(
        "actor actress comedian filmmaker singer rapper musician artist novelist poet painter "
        "photographer athlete skater speedskater swimmer golfer skier sprinter rival treasurer "
        "recorder clerk auditor comptroller assessor coroner magistrate constable trooper pundit "
        "blogger broadcaster philanthropist billionaire millionaire mogul tycoon protester "
        "demonstrator co-anchor co-founder co-chair co-chairman staffer insider confidant employee "
        "negotiator observer proponent advocate graduate introducer reviewer propagandist "
        "doppelganger look-alike"
    )
)

# The words a title in title case leaves in lower case ("The Greatest Comeback: How Richard Nixon
# Rose From Defeat to Create the New Majority", "Communities that Arise in Disaster"): read by
# kinds.py (a quoted title) and furniture.py (a heading).
TITLE_LOWER_WORDS = frozenset(
    _split(
        "a an the of in on at to for and but or nor by as vs via per with from into over amid "
        "off up out than be is are was were that upon when onto"
    )
)
# The particles a surname may open with, in lower case or capitalised at a sentence's start
# ("von der Leyen said", "Von der Leyen added", "de Gaulle said").
NAME_PARTICLES = frozenset(
    _split("von van de der den del della di da du le la al el bin ibn ter ten")
)
# Korean family names, written first ("Kim Jong Un", "Moon Jae-in"); many are also given names
# or surnames elsewhere (Kim, Lee, Park), so names.korean asks for a Korean given name too.
KOREAN_SURNAMES = frozenset(
    _split(
        "kim lee park choi jung kang cho yoon jang lim han oh seo shin kwon hwang ahn song yoo "
        "hong moon choe ri pak"
    )
)
# Family names written first in Chinese names ("Xi Jinping": "Xi" is the surname).
CHINESE_SURNAMES = frozenset(
    _split(
        "xi li wang zhang liu chen yang zhao huang zhou wu xu sun hu zhu gao lin he guo ma luo "
        "liang song zheng xie han tang feng yu dong xiao cheng cao yuan deng fu shen zeng peng "
        "lu su jiang cai jia ding wei xue ye yan pan du dai xia zhong tian ren fan fang shi yao "
        "tan liao zou xiong jin hao kong bai cui kang mao qiu qin gu hou shao meng long wan duan"
    )
)

# States and countries that follow a city or stand alone: never a person.
PLACES = frozenset(
    _split(
        "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia "
        "hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland "
        "massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio "
        "oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin "
        "wyoming england france germany israel china russia japan india mexico canada iraq iran "
        "syria britain ukraine belarus poland hungary romania bulgaria serbia kosovo bosnia "
        "croatia slovakia slovenia czechia austria switzerland italy spain portugal greece "
        "turkey sweden finland norway denmark estonia latvia lithuania moldova netherlands "
        "belgium luxembourg ireland scotland wales iceland europe asia africa crimea donbas "
        "taiwan korea vietnam cambodia thailand malaysia indonesia singapore philippines "
        "australia pakistan afghanistan bangladesh nepal mongolia kazakhstan uzbekistan "
        "azerbaijan armenia egypt libya tunisia algeria morocco nigeria ethiopia kenya sudan "
        "somalia yemen lebanon gaza qatar kuwait bahrain oman brazil argentina chile colombia "
        "venezuela peru cuba nicaragua haiti moscow beijing kyiv kiev minsk warsaw brussels "
        "paris berlin london rome madrid vienna ankara istanbul tehran baghdad damascus kabul "
        "islamabad tokyo seoul pyongyang taipei hong shanghai delhi mumbai riyadh jerusalem "
        "geneva strasbourg"
    )
) | {
    "north korea",
    "south korea",
    "saudi arabia",
    "hong kong",
    "new delhi",
    "united states",
    "united kingdom",
    "european union",
    "tel aviv",
    "st. petersburg",
    "the hague",
    "west bank",
    "middle east",
    "new york",
    "new jersey",
    "new hampshire",
    "new mexico",
    "north carolina",
    "south carolina",
    "north dakota",
    "south dakota",
    "west virginia",
    "rhode island",
}


# Nationalities, written before a name as part of a role ("Ukrainian President …").
NATIONALITIES = frozenset(
    _split(
        "american russian chinese ukrainian european british french german italian spanish "
        "polish japanese korean taiwanese indian israeli iranian iraqi syrian turkish canadian "
        "mexican cuban african asian arab australian dutch belgian swedish finnish norwegian "
        "danish hungarian czech estonian latvian lithuanian romanian bulgarian greek"
    )
)
# Words for peoples, faiths and parties, and short country names, written capitalised but
# never a person's name on their own ("a Muslim American", "US-UK talks").
DEMONYMS = NATIONALITIES | frozenset(
    _split(
        "latino latina hispanic christian muslim jewish catholic protestant evangelical mormon "
        "sunni shia democratic republican conservative liberal socialist communist us uk eu un "
        "nato"
    )
)


# What a company's name ends in ("Kotak Institutional Equities", "Dick Clark Productions",
# "Marc Fisher Footwear", "Trump Plaza Hotel and Casino"): never a person's.
COMPANY_WORDS = frozenset(
    _split(
        "holdings industries partners securities equities capital ventures investments "
        "associates systems solutions labs laboratories airlines airways motors pharmaceuticals "
        "sciences resources advisors communications productions studios pictures films records "
        "entertainment media publishing games enterprises brands footwear apparel corporation "
        "foods stores restaurant hotel hotels casino resort resorts networks logistics "
        "petroleum insurance bancorp analytics aerospace technologies"
    )
)


NOT_PERSON = frozenset(
    _split(
        "House Senate Congress Party Committee Department Ministry News Times Post Journal Street "
        "University College Institute Center Centre Council Union Association Foundation Company "
        "Corp Inc Group Office Agency Administration Court Campaign Network Press Television "
        "Radio States Kingdom Republic America Washington York Island County City State Airport "
        "Park Church Bank Fund Board Service Services Commission Organization Forces Army Navy "
        "Police Reuters Twitter Facebook Fox CNN NBC ABC CBS MSNBC NPR BBC AP Day Week Monday "
        "Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
        "July August September October November December Convention Debate Act Club Institution "
        "Show Program Programme Podcast Magazine Hour Review American Americans Nations Staff "
        "Co Ltd LLC Digest Promise Politico Arena Palace Novosti"
    )
)
# A company's last word, written capitalised, and its suffixes ("Corp.", "Inc.").
NOT_PERSON |= {w.capitalize() for w in COMPANY_WORDS} | {"Corp.", "Inc."}


# Words of NOT_PERSON that are also surnames, after a known given name ("Theresa May").
SURNAMES_TOO = frozenset(_split("May Washington York Day Park Church Post Street Young Arena"))
SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])
# Pronouns that can be a clause's subject ("he said", "you know").
SUBJECT_PRONOUNS = frozenset(_split("he she they we i it you"))

# Capitalised words that make a speaker an organisation rather than a person.
ORG_WORDS = frozenset(
    _split(
        "ministry department house kremlin pentagon nato un eu reuters party committee council "
        "government administration office agency commission army navy police court times post "
        "journal news network press union bank fund group institute university college center "
        "centre foundation association company corp inc ltd board campaign embassy mission "
        "alliance organization organisation service services forces command parliament duma "
        "congress senate assembly cabinet state states republic federation kingdom tass xinhua "
        "interfax ria bbc cnn fox nbc abc cbs msnbc npr ap afp bloomberg isw nations "
        "academy chamber society directorate bureau club radio television playbook newsletter "
        "podcast magazine "
        # Bodies, outlets and places that no person's name holds ("Pew Research", "Judicial
        # Watch", "Citizens United", "Priorities USA", "Black Lives Matter", "Taoran Notes",
        # "Lubyanka Square", "Winter Olympics", "US History Scene", "Forbes’ Under 30 Summit").
        "pac coalition watch research economics united matter usa co events notes "
        "code twitter facebook variety digest square summit olympics leaderboard scene "
        # Companies and platforms a name alone tells ("Google said").
        "google apple microsoft amazon meta tesla spacex netflix uber boeing airbus exxon "
        "exxonmobil chevron gazprom rosneft lukoil huawei alibaba tencent baidu tiktok bytedance "
        "samsung sony toyota volkswagen siemens walmart nvidia intel qualcomm pfizer moderna "
        "citigroup jpmorgan wikipedia instagram telegram reddit spotify starlink"
    )
)
ORG_WORDS |= COMPANY_WORDS
# Firms and a magazine named like a person ("Goldman Sachs said"): a body, whatever names it
# holds.
FIRMS_NAMED_LIKE_PEOPLE = frozenset(
    (
        "goldman sachs", "morgan stanley", "merrill lynch", "lockheed martin", "wells fargo",
        "dow jones", "mother jones", "charles schwab", "raymond james", "edward jones",
        "northrop grumman", "ernst & young", "johnson & johnson", "procter & gamble",
        "marks & spencer", "rolls-royce",
    )
)  # fmt: skip

# Nouns for what someone said, owned by the speaker just before the quotation: "Donald Trump’s
# claim that President Barack Obama “founded ISIS”", "Comey's conclusion that her actions were"
# (owned.py); in speaker words the sayer speaks ("Comey's conclusion", tidy.py).
SAID_WORDS = tuple(
    _split(
        "claim claims assertion conclusion remark remarks comment comments statement suggestion "
        "promise pledge warning insistence description words declaration contention accusation "
        "allegation vow boast admission prediction characterization charge mantra"
    )
)
# Nouns for what someone wrote: a writing "by" or "from" someone, or someone's own, speaks for
# its author ("a tweet from Rikkie Wells", "Cohen’s book", "a commentary by the People's Daily").
WRITTEN_WORDS = tuple(
    _split(
        "book memoir letter column essay memo op-ed commentary editorial article statement "
        "report tweet tweets post posts e-mail email emails message messages note notes "
        "document documents"
    )
)
