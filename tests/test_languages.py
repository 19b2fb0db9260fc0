"""The 958 CMR 3.700(2) languages: scripts, marker words, labelled lines and unreadable lines."""

from checkers.languages import detect_languages, labelled_languages, unreadable_lines

GARBLED_ARABIC = "ґˆ..ǡבĲÖּȓּ̅ʛ.̂γϓʛ/fʙ/Јӳˀ/fӷ̅ȓϓӵ̃ӷʇзֻ́3/īהǣĴґ"


def test_a_labelled_line_counts_even_when_its_text_is_garbled() -> None:
    assert labelled_languages(f"Arabic: {GARBLED_ARABIC}\nKhmer (Cambodian) - អ្នកមានសិទ្ធិទទួលបានជំនួយ") == {"arabic", "khmer"}


def test_a_list_of_language_names_is_not_a_statement() -> None:
    assert labelled_languages("Interpreters: Arabic, Khmer and Chinese.\nArabic:\nSpanish: French: Greek:") == set()


def test_a_label_does_not_borrow_the_next_line() -> None:
    assert labelled_languages("Spanish:\nVous avez le droit d'obtenir de l'aide gratuitement.") == set()


def test_scripts_and_marker_words() -> None:
    text = "Вы имеете право на бесплатную помощь.\nUsted tiene derecho a recibir ayuda gratuita en su idioma."
    assert {"russian", "spanish"} <= detect_languages(text)


def test_unreadable_lines_are_mixed_script_symbols_not_real_text() -> None:
    assert unreadable_lines(GARBLED_ARABIC) == 1
    assert unreadable_lines("Вы имеете право бесплатно получить помощь на своем языке.") == 0
    assert unreadable_lines("您有权免费获得以您的语言提供的帮助。") == 0
    assert unreadable_lines("Plain English text only.") == 0
