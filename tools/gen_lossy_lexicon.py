#!/usr/bin/env python3
"""Generate csrc/core/lossy_lexicon.c: the English words that the judge of
lost periods (csrc/core/lossy_punct.c) reads, each with its classes.

The word lists below are the source; each says what the judge uses it for.
Words are lower case ASCII with ' for the apostrophe, at most NG_LX_MAX_LEN
(11) characters. A word is looked up by its packed key (5 bits a letter:
a..z are 1..26, the apostrophe 27, the first letter in the highest bits),
hashed by a multiplication into an open-addressing table that is at most a
quarter full, probed linearly (key and classes side by side in a slot); the judge computes the key while it reads the
word. The class names are the LX_* bits of csrc/core/lossy_lexicon.h.

Usage: python3 tools/gen_lossy_lexicon.py [--check]
  --check  exit 1 if the committed file differs from what would be generated.
"""
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "csrc" / "core" / "lossy_lexicon.c"
MAX_LEN = 11  # NG_LX_MAX_LEN
BITS = 11  # NG_LX_BITS: 2048 slots
MULTIPLIER = 0x9E3779B97F4A7C15  # NG_LX_MULTIPLIER

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
    "QUESTION_VERB": "becomes being is remains was",
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
    """The key of a word: ng_lx_key in csrc/core/lossy_punct.c."""
    key = 0
    for ch in word:
        code = 27 if ch == "'" else ord(ch) - ord("a") + 1
        if not 1 <= code <= 27:
            sys.exit(f"{word!r}: only a..z and ' may be in a word")
        key = key << 5 | code
    return key


def slot_of(key):
    return ((key * MULTIPLIER) & 0xFFFFFFFFFFFFFFFF) >> (64 - BITS)


def generate():
    classes = {}
    for name, words in LISTS.items():
        for word in words.split():
            if len(word) > MAX_LEN:
                sys.exit(f"{word!r} is longer than {MAX_LEN} characters")
            classes.setdefault(word, []).append(name)
    size = 1 << BITS
    if 4 * len(classes) > size:
        sys.exit("the lexicon fills more than a quarter of its table: raise BITS")
    slots = [None] * size  # (key, word) per slot
    for word in sorted(classes):
        key = pack(word)
        slot = slot_of(key)
        while slots[slot]:
            slot = (slot + 1) & (size - 1)
        slots[slot] = (key, word)
    lines = [
        "/*",
        " * lossy_lexicon.c: GENERATED by tools/gen_lossy_lexicon.py from the word lists",
        " * in it. Do not edit; change the lists and run: python3 tools/gen_lossy_lexicon.py",
        " */",
        '#include "lossy_lexicon.h"',
        "",
        "/* The words by slot: packed key (0: empty) and classes. */",
        f"const ng_lx_entry ng_lx_table[{size}] = {{",
    ]
    for i, entry in enumerate(slots):
        if entry:
            key, word = entry
            mask = " | ".join(f"LX_{c}" for c in classes[word])
            lines.append(f"    [{i}] = {{0x{key:x}u, {mask}}}, /* {word} */")
    lines += ["};", ""]
    return "\n".join(lines)


def main():
    text = generate()
    if sys.argv[1:] == ["--check"]:
        if OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT} is out of date: run python3 tools/gen_lossy_lexicon.py")
        return
    OUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
