/**
 * Place names as sources write them, reduced to keys that two spellings of one
 * place share. Three levels, each looser than the one before:
 *
 * - fold: case, diacritics, apostrophes and punctuation folded; parenthetical
 *   notes dropped ("Jabal Bishri (Raqqa governorate)" → "jabal bishri").
 * - fingerprint: folded words without the Arabic article ("al-", "ash-", "ez-"
 *   … wherever it stands) and without settlement-type words ("town",
 *   "village", "city"); administrative words stay and are unified
 *   ("province" = "governorate"), because Idlib governorate is not Idlib city.
 * - skeleton: the fingerprint's consonants, after doubled letters are single,
 *   digraphs are one sound ("sh", "kh", "gh"), "th"/"dh"/"d" one letter, q is k, and a final
 *   ta marbuta ("-ah", "-at", "-et") is dropped: Latamenah, Latamneh and
 *   Lataminah are all "ltmn"; Idlib and Idleb "dlb"; Shaykhun and Sheikhoun "SXn".
 *
 * The skeleton is a blocking key, not a verdict: a short one ("hm" for Hama)
 * says too little, so names that share only a short skeleton must share their
 * light form as well (see `sameVariant`).
 */
import { wordTable } from "../util/word-table.js";

const ARTICLES = new Set(["al", "el", "il", "ul", "ar", "as", "ash", "ad", "adh", "az", "ez", "an", "at", "ath", "es", "er", "ed", "en", "et", "ad-", "l"]);

/**
 * Words that say what kind of settlement a place is, not which place: in English, and in Arabic as
 * the press transliterates it (qaryat village, madinat city, hayy quarter), so "Hayy al-Sukkari"
 * meets "al-Sukkari neighbourhood".
 */
const SETTLEMENT = new Set([
  "town", "village", "city", "hamlet", "neighbourhood", "neighborhood", "quarter", "ville", "refugee",
  "qarya", "qaryat", "qariyat", "madinat", "madina", "hayy", "hay", "hai",
]);

/**
 * Words that name a site of its own beside the place it is named for (Al Hawl camp is not Al Hawl
 * town): kept, unified across languages and placed last, so "Mukhayyam al-Yarmouk" meets
 * "Yarmouk camp" and "Mazra'a Tishreen" meets "Tishreen Farm".
 */
const SITE_KINDS: Record<string, string> = wordTable({
  camp: "camp", camps: "camp", mukhayyam: "camp", mukhayam: "camp", mukhaym: "camp", mukhayyim: "camp",
  farm: "farm", farms: "farm", mazraa: "farm", mazraat: "farm", mazraet: "farm", mazrat: "farm", mazraah: "farm",
});

/** Words that wrap a place in a description of the site: "near the town of X", "the eastern entrance of X", "outskirts of X". */
const WRAP_NOUNS = new Set(["entrance", "entrances", "outskirts", "outskirt", "edge", "edges", "vicinity", "surroundings", "periphery", "outside", "centre", "center"]);
const DIRECTIONS = new Set(["north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern", "southwestern"]);

/**
 * The place a description names: after its last "near", before "in the … of Y", with leading
 * "the eastern entrance of" and the like taken off. Words that would leave nothing are kept.
 */
function unwrap(words: string[]): string[] {
  let w = words;
  const near = w.lastIndexOf("near");
  if (near >= 0 && near < w.length - 1) w = w.slice(near + 1);
  const cut = w.indexOf("in");
  if (cut > 0) w = w.slice(0, cut);
  for (;;) {
    const [first, second] = [w[0], w[1]];
    if (first === "the" || (first !== undefined && DIRECTIONS.has(first) && w.length > 1)) w = w.slice(1);
    else if (first !== undefined && WRAP_NOUNS.has(first) && (second === "of" || second === "to")) w = w.slice(2);
    else if (first === "outside" && w.length > 1) w = w.slice(1);
    else if (first !== undefined && SETTLEMENT.has(first) && second === "of" && w.length > 2) w = w.slice(2);
    else break;
  }
  return w.length > 0 ? w : words;
}

/**
 * Common words of Arabic place names, each written several ways, unified:
 * Ain/Ein/Ayn (spring), Tal/Tell (hill), Deir/Dayr (monastery), Kafr/Kafar
 * (village), Khirbat/Khirbet (ruin), Umm/Um, Abu/Abo, Jabal/Jebel, Beit/Bayt.
 */
const TOPONYM_WORDS: Record<string, string> = wordTable(Object.fromEntries(
  Object.entries({
    ain: ["ain", "ein", "ayn", "ayin", "aïn"],
    tal: ["tal", "tall", "tell", "tel", "til"],
    dayr: ["deir", "dayr", "dair", "der", "deyr"],
    kafr: ["kafr", "kafar", "kfar", "kefr", "kufr"],
    khirbat: ["khirbat", "khirbet", "kherbet", "khirbit"],
    umm: ["umm", "um", "om", "oum"],
    abu: ["abu", "abo", "abou"],
    jabal: ["jabal", "jebel", "jabel", "jbel"],
    bayt: ["beit", "bayt", "bait", "beyt"],
    ras: ["ras", "rass"],
  }).flatMap(([unified, forms]) => forms.map((f) => [f, unified])),
));

/** Administrative words, unified; they stay in the key. */
const ADMIN: Record<string, string> = wordTable({
  governorate: "governorate",
  province: "governorate",
  muhafazat: "governorate",
  muhafaza: "governorate",
  wilayah: "governorate",
  region: "region",
  district: "district",
  subdistrict: "subdistrict",
  "sub-district": "subdistrict",
  nahiya: "subdistrict",
  countryside: "countryside",
  rif: "countryside",
  reef: "countryside",
});

/** Case, diacritics, apostrophes, punctuation; parenthetical notes and ", qualifiers" dropped ("Kafar Jana, Afrin"). */
export function foldPlace(name: string): string {
  const head = name.includes(",") && name.split(",")[0]!.trim() !== "" ? name.split(",")[0]! : name;
  return head
    .replace(/\([^)]*\)/g, " ")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’‘`ʿʾ]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The words of a folded name that say which place it is. */
export function placeWords(name: string): string[] {
  const words = unwrap(foldPlace(name).split(" ").filter((w) => w !== ""));
  // "village of Qara Mogh": the settlement word and its "of" go together; so do "mazraat" and an article.
  let site: string | undefined;
  const kept = words
    .filter((w, i) => {
      const kind = SITE_KINDS[w];
      if (kind !== undefined) site ??= kind;
      const before = words[i - 1] ?? "";
      return kind === undefined && !ARTICLES.has(w) && !SETTLEMENT.has(w) && !(w === "of" && (SETTLEMENT.has(before) || SITE_KINDS[before] !== undefined));
    })
    .map((w) => ADMIN[w] ?? TOPONYM_WORDS[w] ?? w);
  if (kept.length === 0) return words;
  return site === undefined ? kept : [...kept, site];
}

/** Key-collision fingerprint: the words that say which place, in order, one space apart. */
export function fingerprint(name: string): string {
  return placeWords(name).join(" ");
}

/** One word's light form: doubled letters single, digraphs and q/k unified, vowels kept. */
function lightWord(word: string): string {
  return word
    .replace(/(.)\1+/g, "$1")
    .replace(/ou|oo/g, "u")
    .replace(/ee/g, "i")
    .replace(/ph/g, "f")
    .replace(/dh/g, "th")
    .replace(/q/g, "k")
    .replace(/ck/g, "k")
    .replace(/(?<=[aeiou])h$/, "");
}

/** The fingerprint with each word in its light form ("hamah" → "hama", "maarrat" → "marat"). */
export function lightForm(name: string): string {
  return placeWords(name).map(lightWord).join(" ");
}

/** One word's consonant skeleton. */
function skeletonWord(word: string): string {
  if (/^\d+$/.test(word)) return word;
  return lightWord(word)
    .replace(/sh/g, "S")
    .replace(/kh/g, "X")
    .replace(/gh/g, "G")
    .replace(/th/g, "d") // ذ is written dh, th or d: Dhiban, Thiban, Diban
    .replace(/(?<=[aeiouy])[th]$/, "") // ta marbuta: -at, -et, -ah, -eh
    .replace(/[aeiouyw]/g, "");
}

/** The consonant skeleton of a name, words run together ("Kafr Nabl" and "Kafranbel" both "kfrnbl"). */
export function skeleton(name: string): string {
  return placeWords(name).map(skeletonWord).join("");
}

/** Names whose skeletons are this short must also share their light form. */
const SHORT_SKELETON = 3;
/**
 * Names whose skeletons are this short (but not shorter) must also have as many
 * words: three consonants say little on their own ("Ain al-Arab" and "Nairab"
 * are both n-r-b), while "Idlib"/"Edlib", "Homs"/"Hims" and "Msyaf"/"Masyaf"
 * differ only in their vowels.
 */
const LOOSE_SKELETON = 4;

/**
 * Are two names with the same skeleton the same place, as a transliteration
 * variant? Yes when the skeleton is long enough to say which place, or when
 * their light forms agree; administrative words must agree either way.
 */
export function sameVariant(a: string, b: string): boolean {
  return sameVariantKeys(variantKeys(a), variantKeys(b));
}

/** What sameVariant compares of a name, computed once per name when many pairs are compared. */
export interface VariantKeys {
  skeleton: string;
  light: string;
  admin: string;
  /** How many words: what a short skeleton must also share. */
  words: number;
}

export function variantKeys(name: string): VariantKeys {
  const words = placeWords(name);
  return {
    skeleton: skeleton(name),
    light: lightForm(name),
    admin: words.filter(isAdminLevelWord).join(" "),
    // A one-letter word ("a-Dakana", an article with a letter lost) is not a word of the name.
    words: words.filter((w) => w.length > 1).length,
  };
}

export function sameVariantKeys(a: VariantKeys, b: VariantKeys): boolean {
  if (a.skeleton !== b.skeleton || a.admin !== b.admin) return false;
  if (a.light === b.light) return true;
  if (a.skeleton.length < SHORT_SKELETON) return false;
  return a.skeleton.length >= LOOSE_SKELETON || a.words === b.words;
}

/** Is a name's skeleton too short to say which place on its own (two consonants: "Al Zir")? */
export function isShortSkeleton(k: VariantKeys): boolean {
  return k.skeleton.length < SHORT_SKELETON;
}

/** Words that tell apart places of one name: Arab Hassan Kabir and Arab Hassan Saghir (the big, the small). */
const QUALIFIERS = new Set([
  "kabir", "kbir", "kebir", "kabira", "kbira", "kebira", "saghir", "sghir", "saghira", "sghira", "soghra", "kubra",
  "sharqi", "sharqiya", "sharqiyah", "gharbi", "gharbiya", "gharbiyah", "shamali", "shamaliya", "shamaliyah", "janubi", "janoubi", "janubiya", "janubiyah",
  "fawqani", "fouqani", "tahtani", "tahtaniya", "jadid", "jadida", "jadidah", "qadim", "qadima", "qadimah",
  "upper", "lower", "big", "small", "great", "little", "new", "old",
]);

/** A fingerprint's trailing qualifier, and the name without it ("arab hassan kabir" → "arab hassan", "kabir"), when the rest says which place. */
export function splitQualifier(fp: string): { bare: string; qualifier: string } | undefined {
  const cut = fp.lastIndexOf(" ");
  if (cut <= 0) return undefined;
  const qualifier = fp.slice(cut + 1);
  const bare = fp.slice(0, cut);
  if (!QUALIFIERS.has(qualifier) || skeleton(bare).length < LOOSE_SKELETON) return undefined;
  return { bare, qualifier };
}

const ADMIN_LEVELS: ReadonlySet<string> = new Set(Object.values(ADMIN));

function isAdminLevelWord(word: string): boolean {
  return ADMIN_LEVELS.has(word);
}
