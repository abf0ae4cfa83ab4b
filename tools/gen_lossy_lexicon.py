#!/usr/bin/env python3
"""Generate csrc/core/lossy_lexicon.h and .c: the English words that the
judge of lost periods (csrc/core/lossy_punct.c) reads, each with its classes.

The word lists below are the source; each says what the judge uses it for,
and its name is the class (LX_<name>, one bit each, in the order here).
Words are lower case ASCII with ' for the apostrophe, at most MAX_LEN (11)
characters. A word is looked up by its key (a word of eight letters or
fewer: its bytes as a little-endian number; any other packed 5 bits a
character, a..z 1..26, the apostrophe 27, the first highest, top bit set),
the judge computes it while it reads the word. The key's bucket is
(key * MULTIPLIER) >> (64 - BITS), of WAYS slots side by side; a lookup
compares the key with all of them without a branch. The multiplier is the
first of a fixed sequence (candidate()) that puts no more than WAYS words
in a bucket.

Usage: python3 tools/gen_lossy_lexicon.py [--check]
  --check  exit 1 if the committed files differ from what would be generated.
"""
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT_H = ROOT / "csrc" / "core" / "lossy_lexicon.h"
OUT_C = ROOT / "csrc" / "core" / "lossy_lexicon.c"
MAX_LEN = 11  # NG_LX_MAX_LEN
BITS = 8  # NG_LX_BITS: 256 buckets
WAYS = 4  # NG_LX_WAYS: slots a bucket
FIRST_MULTIPLIER = 0x9E3779B97F4A7C15

LISTS = {
    # Auxiliaries and modals: one opens a question when it opens a sentence
    # ("Is it ...", "Could he ..."), or a clause before its subject
    # ("..., would you mind?").
    "AUX": """ain't am are aren't can can't could couldn't did didn't do does doesn't don't
              hadn't has hasn't have haven't is isn't may might mightn't must mustn't needn't
              oughtn't shall shan't should shouldn't was wasn't were weren't will won't would
              wouldn't""",
    # The negative ones: "n't" before a subject asks wherever a clause opens
    # ("..., isn't that right?"), since a statement puts the subject first.
    "NEG": """ain't aren't can't couldn't didn't doesn't don't hadn't hasn't haven't isn't
              mightn't mustn't needn't oughtn't shan't shouldn't wasn't weren't won't wouldn't""",
    # Subjects that are also determiners or relatives ("that", "this"): a
    # subject after a negative auxiliary ("isn't that ..."), not after any.
    "THIS_THAT": "that this",
    # The auxiliaries that ask as a sentence's next-to-last word, before a
    # subject ("Where are you?", "..., wouldn't he?"); not do/have, which are
    # main verbs there ("do it", "have that").
    "AUX_END": """ain't am are aren't can can't could couldn't didn't doesn't don't hadn't
                  hasn't haven't is isn't may might mightn't must mustn't needn't oughtn't
                  shall shan't should shouldn't was wasn't were weren't will won't would
                  wouldn't""",
    # The subjects of such an ending.
    "SUBJ_END": "he i she they this we you",
    # Wh-words that open a question or a statement ("What happened?", "What
    # he said was true."): a question when an auxiliary follows, or when the
    # sentence is short.
    "WH": "what when where which who whom whose",
    # A sentence that ends in one of these asks ("You did what?").
    "WH_END": "how what when where which who whom why",
    # Inside a sentence, after a comma, only these open a question, and only
    # in the forms relative clauses do not take ("..., what can Israel do").
    "WH_INSIDE": "what when where which",
    # A tag that asks alone ("..., right?"); an auxiliary asks as a tag only
    # before its pronoun ("..., isn't it?", not "..., has died"). Not "yes",
    # "no", "ok": those end statements ("Okay, yes.").
    "TAG": "anybody anyone correct eh huh hunh innit okay right true",
    # Words that may stand before the word that opens a question ("And what
    # ...", "So is it ...").
    "LEAD": """also and but cnn finally first hey like no now oh ok okay or plus second so then
               third uh um well yeah yes yet""",
    "JUST": "just",
    # One-word sentences that ask; "Okay", "Right" and "Sorry" are more often
    # said than asked.
    "ALONE": "eh how huh pardon really what when where who why",
    # Abbreviations, before which a '?' stood for their period.
    "ABBR": """adm al approx apr aug ave bros capt co col corp cpl dec dept dr est etc feb fig ft gen
               gov govt hon inc jan jr jul jun lt ltd maj mar mr mrs ms mt no nov oct pp prof rd
               rep rev sen sep sept sgt sr st univ vol vs""",
    # Words that open a subordinate clause before the main one ("If elected,
    # what would ..."), which may then ask as a sentence would.
    "SUBORD": "after although as because before besides if once since though unless until when whenever while",
    # After "how", these make a question of it ("How many ...", "How about").
    "HOW_NEXT": "about big come far long many much not now often old so soon",
    # After "what", these make a question of it ("What about ...", "What
    # now for ...?", "..., what then?").
    "WHAT_NEXT": "about else if now then",
    # Words that may stand between a wh-word and its verb ("How exactly do
    # we ...", "What else can I say"); "on earth" and "the hell" too.
    "WH_ADV": "actually else ever exactly precisely really",
    "ON": "on",
    "EARTH": "earth",
    "THE": "the",
    "HELL": "hell heck devil",
    # do-support: never in a relative or a free relative ("What does it
    # say", "..., does that give them"), so it asks before any subject.
    "DO": "did didn't do does doesn't don't",
    # Modals: "..., what might happen?" asks; a relative "what" is rare
    # before one.
    "MODAL": "can could might shall should will would",
    # "The question is, will ...": what follows asks as a sentence would.
    "QUESTION": "question",
    "QUESTION_VERB": "be becomes being is remains was",
    # Words after which a later auxiliary belongs to another clause
    # ("What happens if it is ...", "What caused the crash that was ...").
    "CLAUSE_WORD": """after although because before if since so than that though unless until when
                      whenever where whether which while who whom""",
    # Irregular past forms, read as verbs ("What made you ...", "Will Young
    # won ...") as words in -ed are.
    "PAST": """became began brought came caught drove fell felt found gave got grew heard held kept
               knew led left lost made meant met paid ran said sat saw sent stood struck taught
               thought told took went won wrote""",
    # Sentence openings of questions whose auxiliary and subject are left
    # out: "Want to get involved?", "Care to guess?", "Ever noticed ...?".
    "WANT": "care wanna want",
    "EVER": "ever",
    "TO": "to",
    # Auxiliaries that are also names or months ("Will Young", "May Day").
    "NAME_AUX": "may will",
    "DET": "a all an any her his its my our some the their these those your",
    # Subjects; after one, a wh-word opens a statement ("What he said was
    # true"), after an auxiliary a question ("Did anything happen?").
    "PRON": """anybody anyone anything everybody everyone he i it nobody she somebody someone
               there they we ye you""",
    # The personal ones, which a relative "who" or "which" is never followed
    # by (after an auxiliary): "..., which do you prefer?", not "..., who is the".
    "PERSONAL": "he i it she they we ye you",
    # Object pronouns, after which a word in -s was a verb ("What makes
    # them ...", not "What methods and ...").
    "OBJ": "her him it me them us you",
    # The endings of contractions after an apostrophe (n't aside).
    "SUFFIX": "d ll m re s ve",
    # The forms of "be" that link a subject to what it is.
    "BE": "is was",
    # The auxiliaries of a singular subject: after a verb in -s they are the
    # main verb ("What matters is ..."), after a plural noun they could not
    # be ("What methods were used?").
    "SINGULAR": "does doesn't has hasn't is isn't was wasn't",
    # After these an auxiliary and its subject are inverted in a statement:
    # "..., so did the IRA", "Nor, it seems, did his disciples".
    "SO": "neither nor so",
    # Prepositions that may stand before a wh-phrase that asks ("In what
    # order should you ...?", "Since when did they ...?", "..., under what
    # circumstances might it ...").
    "PREP": "about at by for from in into of on since to under until upon with within without",
    # Conjunctions after which a wh-word opens a clause with no comma ("I
    # worry but what can I do?", "because what is the future without ...?").
    "CONJ": "and because but cause cuz or so",
    # Verbs that attribute a quotation ('"...," he said', '"...," said Smith').
    "SAID": """added admitted agreed argued asked asks continued explained insisted noted said says
               told wrote""",
    # "Not only don't we ...": an inversion that makes no question.
    "ONLY": "only",
    # Words after which an auxiliary comes before its subject in a
    # statement too ("..., as did he", "only then did she ...").
    "INVERTS": "as hardly little neither never nor only rarely seldom so than then",
    "HAVE": "has have",
    # The personal pronouns that are subjects only ("will it" is as often
    # "do it" and "have it").
    "SUBJ": "he i she they we",
    # A conditional's inversion ("..., should they continue to widen").
    "SHOULD": "should",
    # Verbs that report a question ("...?" she asked).
    "ASKED": "asked asks demanded inquired queried wondered wonders",
    # Single words that rules name.
    "HOW": "how",
    "WHY": "why",
    "WHAT": "what",
    "WHICH": "which",
    "WHO": "who",
    "NOT": "not",
    "OR": "or",
    "DONT": "don't",
}


def pack(word):
    """The key of a word: lx_key in csrc/core/lossy_punct.c. A word of eight
    letters or fewer (no apostrophe) is its bytes as a little-endian number;
    any other is packed 5 bits a character, the first highest, with the top
    bit set."""
    if "'" not in word and len(word) <= 8:
        if not all("a" <= ch <= "z" for ch in word):
            sys.exit(f"{word!r}: only a..z and ' may be in a word")
        return int.from_bytes(word.encode("ascii"), "little")
    key = 0
    for ch in word:
        code = 27 if ch == "'" else ord(ch) - ord("a") + 1
        if not 1 <= code <= 27:
            sys.exit(f"{word!r}: only a..z and ' may be in a word")
        key = key << 5 | code
    return key | 1 << 63


def candidate(i):
    """The i-th multiplier tried: the golden ratio's, then splitmix64's
    outputs (odd); nearby odd numbers would place small keys alike."""
    if i == 0:
        return FIRST_MULTIPLIER
    z = (FIRST_MULTIPLIER * i) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return (z ^ (z >> 31)) | 1


def slot_of(key, multiplier):
    return ((key * multiplier) & 0xFFFFFFFFFFFFFFFF) >> (64 - BITS)


def place(keys, multiplier):
    """The slots (bucket by bucket) for the keys, or None if a bucket overflows."""
    slots = [None] * ((1 << BITS) * WAYS)
    for key in sorted(keys):
        bucket = slot_of(key, multiplier)
        for way in range(WAYS):
            if slots[bucket * WAYS + way] is None:
                slots[bucket * WAYS + way] = key
                break
        else:
            return None
    return slots


HEADER = """/*
 * lossy_lexicon.h: GENERATED by tools/gen_lossy_lexicon.py from the word lists
 * in it. Do not edit; change the lists and run: python3 tools/gen_lossy_lexicon.py
 *
 * The English words that the judge of lost periods reads (lossy_punct.c),
 * each with the classes it belongs to (the lists in the generator say what
 * each is for). Internal to the core.
 *
 * A word is found by its key: for a word of eight letters or fewer (no
 * apostrophe), its lower-case bytes as a little-endian number (read
 * straight from the text); for any other of at most NG_LX_MAX_LEN
 * characters, 5 bits a character (a..z: 1..26, the apostrophe: 27), the
 * first in the highest bits, with the top bit set. A word sits in one of
 * the NG_LX_WAYS slots of its bucket, (key * NG_LX_MULTIPLIER) >> (64 -
 * NG_LX_BITS), and a lookup compares the key with all of them and branches
 * on none: most words looked up are in no list, and which ones would be
 * hard to predict.
 */
#ifndef NUTGRAF_LOSSY_LEXICON_H
#define NUTGRAF_LOSSY_LEXICON_H

#include <stdint.h>

#define NG_LX_MAX_LEN {max_len}
#define NG_LX_BITS {bits}
#define NG_LX_WAYS {ways}
#define NG_LX_MULTIPLIER UINT64_C(0x{multiplier:X})

/* Word classes, one bit each. */
{defines}

/* The generated tables: the key in each slot (0: empty) and its classes,
 * bucket by bucket (a bucket's keys fill one 32-byte line). */
extern const uint64_t ng_lx_keys[(1u << NG_LX_BITS) * NG_LX_WAYS];
extern const uint64_t ng_lx_classes[(1u << NG_LX_BITS) * NG_LX_WAYS];

/* The classes of the word with key `key` (not 0); 0 when the word is in no
 * class. */
static inline uint64_t ng_lx_lookup(uint64_t key)
{{
    const uint64_t *k = ng_lx_keys + ((key * NG_LX_MULTIPLIER) >> (64 - NG_LX_BITS)) * NG_LX_WAYS;
    const uint64_t *c = ng_lx_classes + (k - ng_lx_keys);
    uint64_t classes = 0;
    for (unsigned way = 0; way < NG_LX_WAYS; way++)
        classes |= c[way] & (0 - (uint64_t)(k[way] == key));
    return classes;
}}

#endif /* NUTGRAF_LOSSY_LEXICON_H */
"""


def generate():
    names = list(LISTS)
    if len(names) > 64:
        sys.exit("more than 64 classes")
    classes = {}
    for name, words in LISTS.items():
        for word in words.split():
            if len(word) > MAX_LEN:
                sys.exit(f"{word!r} is longer than {MAX_LEN} characters")
            classes.setdefault(word, []).append(name)
    longest_abbr = max(len(w) for w in LISTS["ABBR"].split())
    if longest_abbr > 6:  # ABBR_MAX in abbreviation_before(), lossy_punct.c
        sys.exit(f"abbreviations of {longest_abbr} letters: raise ABBR_MAX")
    keys = {pack(word): word for word in classes}
    for i in range(100000):
        multiplier = candidate(i)
        slots = place(list(keys), multiplier)
        if slots:
            break
    else:
        sys.exit("no multiplier fits the words into the buckets: raise BITS")
    size = (1 << BITS) * WAYS
    defines = "\n".join(f"#define LX_{name} (UINT64_C(1) << {i})" for i, name in enumerate(names))
    header = HEADER.format(max_len=MAX_LEN, bits=BITS, ways=WAYS, multiplier=multiplier, defines=defines)
    lines = [
        "/*",
        " * lossy_lexicon.c: GENERATED by tools/gen_lossy_lexicon.py from the word lists",
        " * in it. Do not edit; change the lists and run: python3 tools/gen_lossy_lexicon.py",
        " */",
        '#include "lossy_lexicon.h"',
        "",
        "/* The key of the word in each slot (0: empty). */",
        f"_Alignas(32) const uint64_t ng_lx_keys[{size}] = {{",
    ]
    for i, key in enumerate(slots):
        if key is not None:
            lines.append(f"    [{i}] = 0x{key:x}u, /* {keys[key]} */")
    lines += ["};", "", "/* The classes of the word in each slot. */", f"const uint64_t ng_lx_classes[{size}] = {{"]
    for i, key in enumerate(slots):
        if key is not None:
            mask = " | ".join(f"LX_{c}" for c in classes[keys[key]])
            lines.append(f"    [{i}] = {mask}, /* {keys[key]} */")
    lines += ["};", ""]
    return header, "\n".join(lines)


def main():
    header, source = generate()
    if sys.argv[1:] == ["--check"]:
        for path, text in ((OUT_H, header), (OUT_C, source)):
            if path.read_text(encoding="utf-8") != text:
                sys.exit(f"{path} is out of date: run python3 tools/gen_lossy_lexicon.py")
        return
    OUT_H.write_text(header, encoding="utf-8")
    OUT_C.write_text(source, encoding="utf-8")


if __name__ == "__main__":
    main()
