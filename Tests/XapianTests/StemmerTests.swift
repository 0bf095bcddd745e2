import Testing
import Xapian

@Suite("Snowball stemmer")
struct StemmerTests {
    @Test("Danish stems, by name and by ISO code", arguments: ["danish", "da"])
    func danish(language: String) throws {
        let stemmer = try Stemmer(language: language)
        #expect(try stemmer.stem("erfaringer") == "erfaring")
        #expect(try stemmer.stem("erfaring") == "erfaring")
        #expect(try stemmer.stem("huset") == "hus")
        #expect(try stemmer.stem("husene") == "hus")
        #expect(try stemmer.stem("bøgerne") == "bøg")
        #expect(try stemmer.stem("løbende") == "løb")
        #expect(try stemmer.stem("") == "")
    }

    @Test("An unknown language throws .invalidArgument")
    func unknownLanguage() throws {
        let thrown = thrownError { try Stemmer(language: "dansk") }
        let error = try #require(thrown)
        #expect(error.kind == .invalidArgument)
        #expect(error.type == "InvalidArgumentError")
        #expect(!error.message.isEmpty)
        #expect(error.message.contains("dansk"))
    }
}
