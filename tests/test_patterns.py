"""The lexicon's pattern language: what a line means, and lines it refuses as ambiguous."""

import pytest
import spacy

from checkers.patterns import PatternError, Slot, compile_pattern

NLP = spacy.blank("en")


def tokenize(text: str) -> list[str]:
    return [t.text for t in NLP.tokenizer(text)]


def words(pattern) -> list[set[str]]:
    return [{" ".join(p) for p in step.phrases} | {f"{x}*" for x in step.prefixes}
            for step in pattern if isinstance(step, Slot)]


def test_a_group_of_phrases_is_one_slot_per_alternative() -> None:
    patterns = compile_pattern("(sore throat|earache) care", tokenize)
    assert sorted(map(str, (words(p) for p in patterns))) == sorted(
        [str([{"earache"}, {"care"}]), str([{"sore"}, {"throat"}, {"care"}])])


def test_gaps_and_prefixes() -> None:
    (pattern,) = compile_pattern("refer* ...4 (doctor|nurse)", tokenize)
    assert pattern[1] == 4 and words(pattern) == [{"refer*"}, {"doctor", "nurse"}]


@pytest.mark.parametrize("line", [
    "cold|flu|sore throat",         # meant "(sore throat)", would read "... sore, then throat"
    "member|patient|covered person",
    "a||",
    "{'records': None}",            # a YAML line with ': ' that became a mapping
])
def test_ambiguous_or_broken_lines_are_refused(line: str) -> None:
    with pytest.raises(PatternError):
        compile_pattern(line, tokenize)


def test_every_lexicon_line_compiles() -> None:
    from checkers.pipeline import build_pipeline, concept_patterns, cue_patterns

    nlp = build_pipeline()
    assert concept_patterns(nlp) and cue_patterns(nlp)


def test_a_hyphenated_prefix_is_refused_and_its_group_form_matches() -> None:
    with pytest.raises(PatternError):
        compile_pattern("pre-certif*", tokenize)
    (pattern,) = compile_pattern("(pre - certif*)", tokenize)
    assert words(pattern) == [{"pre"}, {"-"}, {"certif*"}]


def test_a_gap_stops_at_a_sentence_end() -> None:
    """ "referrals ...6 is required" must not join a heading-like sentence to the next one: the
    match would sit in the wrong sentence and hide the real one."""
    from checkers.analysis import analyse

    a = analyse("Specialist referrals. A referral from your PCP is required for specialist visits.\n", set())
    sentences = {h.sentence for h in a.hits["referral_required"]}
    assert sentences == {1}


def test_a_sentence_runs_over_a_page_break() -> None:
    from checkers.analysis import analyse
    from checkers.document import PAGE_SEPARATOR

    text = "We decide appeals fast. If your doctor" + PAGE_SEPARATOR + "certifies that waiting is risky, we decide in 72 hours.\n"
    a = analyse(text, set())
    assert any(a.sentence_text(i).startswith("If your doctor") and "certifies" in a.sentence_text(i)
               for i in range(len(a.sentences)))


def test_an_empty_field_asserts_nothing_but_a_rule_under_a_sentence_is_no_field() -> None:
    from checkers.analysis import analyse

    a = analyse("Alternative treatment offered\nN/A\n\nYour provider may ask for a peer-to-peer review.\n"
                "________________\n", set())
    assert all(h.referenced for h in a.hits["alternative"])
    assert not any(h.referenced for h in a.hits["peer_to_peer"])


def test_slots_sharing_their_matched_words_each_find_their_own_matches() -> None:
    """Two slots whose words found in a document are the same ("your", "the") share one merged
    table; each pattern must still match exactly where its own words are."""
    from checkers.matcher import SlotMatcher

    lines = {"letter": "(your|the|this) letter", "notice": "read (your|the) notice", "any": "(your|the|a) reply"}
    patterns = [(label, label, p) for label, line in lines.items() for p in compile_pattern(line, tokenize)]
    matcher = SlotMatcher(NLP.vocab, patterns, set())
    doc = NLP("Read the letter, then read your notice and read the notice. The reply came.")
    found = {(label, doc[start:end].text) for label, _, start, end in matcher(doc)}
    assert found == {("letter", "the letter"), ("notice", "read your notice"), ("notice", "read the notice"),
                     ("any", "The reply")}


@pytest.mark.parametrize("text", [
    "We denied it. Call us at 1-800-555-0100! Why? Because the records show no trial of therapy...",
    "Dr. Lee reviewed it (see p. 3). \"It is not covered.\" Next steps:\nAppeal within 180 days.",
    "Decision: DENIED.\n\nReason: criteria not met!! Questions?? Call. ",
    "no punctuation at all here",
    "",
])
def test_the_array_sentencizer_splits_as_spacys_own(text: str) -> None:
    """ma_sentences computes spaCy's Sentencizer rule on arrays: the same sentence starts."""
    from spacy.pipeline import Sentencizer

    from checkers.pipeline import PunctSentencizer, block_boundaries, build_pipeline

    nlp = build_pipeline()
    ours, theirs = (block_boundaries(nlp.make_doc(text)) for _ in range(2))
    PunctSentencizer(nlp)(ours)
    Sentencizer(overwrite=False)(theirs)
    assert [t.is_sent_start for t in ours] == [t.is_sent_start for t in theirs]
