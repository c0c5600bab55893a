namespace SafeCity.Kernel.Records;

/// <summary>
/// The words the personal-data screen reads names by: forenames common in the city (left out where
/// they are also ordinary words a record uses: May, Grace, Amber — a RAG status — Will, Mark…),
/// common surnames, and the words that make a name a place (John Street, Victoria Park).
/// </summary>
internal static class PersonalDataWords
{
    public static readonly HashSet<string> Forenames = new(StringComparer.OrdinalIgnoreCase)
    {
        "aaron", "abdul", "abigail", "adam", "ahmed", "aisha", "alan", "albert", "alex", "alexander", "alfie", "ali", "alice", "alison", "amanda", "amelia",
        "amy", "andrea", "andrew", "angela", "ann", "anna", "anne", "anthony", "archie", "arthur", "ashley", "ava", "ayesha", "barbara", "barry", "ben",
        "benjamin", "beth", "bethany", "betty", "beverley", "brenda", "brian", "callum", "carl", "carol", "caroline", "catherine", "charles", "charlie",
        "charlotte", "cheryl", "chloe", "chris", "christine", "christopher", "claire", "colin", "connor", "craig", "daniel", "danielle", "darren", "dave",
        "david", "dean", "debbie", "deborah", "denise", "derek", "diane", "donna", "dorothy", "douglas", "edward", "elaine", "eleanor", "elizabeth", "ella",
        "emily", "emma", "eric", "ethan", "fatima", "fiona", "frank", "freddie", "gary", "gemma", "george", "gillian", "graham", "hannah", "harold",
        "harry", "hassan", "hazel", "heather", "helen", "henry", "ian", "ibrahim", "isabella", "isla", "jack", "jacob", "jacqueline", "jake", "james",
        "jamie", "jane", "janet", "jason", "jean", "jennifer", "jenny", "jessica", "jill", "joan", "joanne", "joe", "john", "jonathan", "joseph",
        "joshua", "joyce", "judith", "julie", "karen", "kate", "katherine", "katie", "keith", "kelly", "kenneth", "kevin", "kieran", "kirsty", "laura",
        "lauren", "leanne", "lee", "leo", "lewis", "liam", "lily", "linda", "lisa", "louise", "lucy", "luke", "margaret", "maria", "marie", "martin",
        "mary", "matthew", "megan", "melissa", "mia", "michael", "michelle", "mike", "mohammed", "muhammad", "natalie", "nathan", "neil", "nicholas",
        "nicola", "nigel", "noah", "oliver", "olivia", "omar", "oscar", "patricia", "patrick", "paul", "pauline", "peter", "philip", "priya", "rachel",
        "raymond", "rebecca", "reece", "richard", "robert", "roger", "ronald", "russell", "ruth", "ryan", "sally", "sam", "samantha", "samuel", "sandra",
        "sarah", "scott", "sean", "sharon", "sheila", "shirley", "sian", "simon", "sophie", "stephanie", "stephen", "steven", "stuart", "susan", "teresa",
        "terry", "thomas", "timothy", "toby", "tom", "tony", "tracey", "tracy", "trevor", "tyler", "victoria", "vincent", "walter", "wayne", "wendy",
        "william", "yusuf", "yvonne", "zoe",
    };

    public static readonly HashSet<string> Surnames = new(StringComparer.OrdinalIgnoreCase)
    {
        "adams", "ahmed", "ali", "allen", "anderson", "bailey", "baker", "barker", "barnes", "begum", "bell", "bennett", "bloggs", "brown", "butler",
        "campbell", "carter", "chapman", "clark", "clarke", "collins", "cook", "cooper", "cox", "davies", "davis", "dixon", "doe", "edwards", "ellis",
        "evans", "fisher", "foster", "gray", "green", "griffiths", "hall", "harris", "harrison", "harvey", "holmes", "hughes", "hunt", "hussain",
        "jackson", "james", "jenkins", "johnson", "jones", "kelly", "khan", "king", "knight", "lee", "lewis", "lloyd", "marshall", "martin", "mason",
        "matthews", "miller", "mills", "mitchell", "moore", "morgan", "morris", "murphy", "murray", "owen", "palmer", "parker", "patel", "phillips",
        "powell", "price", "richards", "richardson", "roberts", "robinson", "rogers", "russell", "scott", "shaw", "simpson", "singh", "smith",
        "stevens", "taylor", "thomas", "thompson", "turner", "walker", "ward", "watson", "webb", "white", "wilkinson", "williams", "wilson", "wood",
        "wright", "young",
    };

    /// <summary>Words after which a forename is a place's name, not a person's (John Street, St Mary's Hospital).</summary>
    public static readonly HashSet<string> PlaceWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "academy", "airport", "alley", "arcade", "arms", "avenue", "ave", "bar", "bridge", "building", "buildings", "business", "centre", "center",
        "chapel", "church", "close", "club", "college", "common", "community", "cottages", "court", "crescent", "dock", "docks", "dr", "drive", "estate",
        "field", "fields", "flats", "foundation", "garage", "garden", "gardens", "gate", "green", "grove", "hall", "harbour", "hill", "hospital", "house",
        "inn", "junior", "lane", "leisure", "library", "lodge", "ltd", "market", "meadow", "memorial", "mews", "museum", "nursery", "parade", "park",
        "pavilion", "pier", "place", "precinct", "primary", "quay", "rd", "retail", "rise", "road", "row", "school", "square", "st", "stadium", "station",
        "statue", "street", "surgery", "tavern", "terrace", "tower", "towers", "trust", "university", "vale", "view", "walk", "way", "wharf", "wood",
        // Kinds of street and place in data.police.uk's locations that follow a person's name. Those that are
        // common surnames too (Bank, Cross, Dale, Chase, Mount, Grange…) are left out: "Mary Cross" stays a name.
        "approach", "boulevard", "broadway", "causeway", "circle", "circus", "coppice", "covert", "croft", "esplanade", "fen", "glade", "heights",
        "holms", "leys", "mall", "meadows", "opening", "paddock", "parkway", "passage", "plain", "promenade", "quadrant", "railway", "yard",
    };

    /// <summary>Welsh words for a kind of street, which come before its name (Heol Richard Price, Clos John Charles).</summary>
    public static readonly HashSet<string> PlaceWordsBefore = new(StringComparer.OrdinalIgnoreCase)
    {
        "clos", "cilgant", "ffordd", "heol", "llys", "lon", "maes", "parc", "rhodfa", "stryd", "teras",
    };

    /// <summary>Businesses and places the city knows by a person's name, which are not personal data.</summary>
    public static readonly string[] NamedPlaces = ["john lewis", "thomas cook", "peter symonds"];
}
