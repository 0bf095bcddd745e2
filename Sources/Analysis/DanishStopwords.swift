/// Danish stop words: the Snowball project's list for Danish (snowballstem.org, BSD licence),
/// the 94 most common function words. Searches keep them (a quote needs `en`); finding similar
/// articles leaves them out of the expanded query, where they say nothing about a text.
public enum DanishStopwords {
    public static let words: [String] = [
        "og", "i", "jeg", "det", "at", "en", "den", "til", "er", "som", "på", "de", "med", "han", "af", "for",
        "ikke", "der", "var", "mig", "sig", "men", "et", "har", "om", "vi", "min", "havde", "ham", "hun", "nu",
        "over", "da", "fra", "du", "ud", "sin", "dem", "os", "op", "man", "hans", "hvor", "eller", "hvad", "skal",
        "selv", "her", "alle", "vil", "blev", "kunne", "ind", "når", "være", "dog", "noget", "ville", "jo",
        "deres", "efter", "ned", "skulle", "denne", "end", "dette", "mit", "også", "under", "have", "dig",
        "anden", "hende", "mine", "alt", "meget", "sit", "sine", "vor", "mod", "disse", "hvis", "din", "nogle",
        "hos", "blive", "mange", "ad", "bliver", "hendes", "været", "thi", "jer", "sådan",
    ]

    /// The stop words as index terms (lowercased and folded by the `Tokenizer`, as the analyser
    /// makes them), made once.
    public static let terms: Set<String> = Set(words.compactMap { Tokenizer().tokens(in: $0).first?.term })
}
