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


def test_an_english_line_with_words_french_shares_is_no_french() -> None:
    assert detect_languages("ATTENTION: Language assistance services are available to you free of charge.") == set()


def test_spanish_and_portuguese_sharing_their_content_words_are_told_apart_by_small_words() -> None:
    spanish = "¿Quiere esta carta en otro idioma? Las traducciones son gratuitas; llame con su número de miembro."
    portuguese = "Quer esta carta em outro idioma? As traduções são gratuitas; ligue com o seu número de associado."
    assert detect_languages(spanish) == {"spanish"} and detect_languages(portuguese) == {"portuguese"}


def test_symbols_wrapping_on_from_a_readable_script_line_are_that_statement_not_another() -> None:
    arabic = "المساعدة اللغوية مجانية ويمكننا أن نوفر لك مترجمًا فوريًا"
    assert unreadable_lines(f"{arabic}\n{GARBLED_ARABIC}\n{GARBLED_ARABIC}") == 0
    assert unreadable_lines(f"English: help is free.\n{GARBLED_ARABIC}\nFrançais: aide gratuite.\n{GARBLED_ARABIC}") == 2
