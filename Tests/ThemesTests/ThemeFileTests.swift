import Foundation
import NorwegianText
import TestSupport
import Testing
import Themes

@Suite struct ThemeFileTests {
    let tokenizer = Fixture.chain.tokenizer

    func parse(_ text: String) throws -> ThemeDictionary {
        try ThemeDictionary(parsing: text, path: "tema.txt", tokenizer: tokenizer)
    }

    @Test func parsesHeaderPatternsAndComments() throws {
        let theme = try parse("""
        # id: test
        # name: Et tema
        # description: Noe
        # source: Her
        # en kommentar
        heltid*      # sammensetninger
        *normer
        *undervisning*
        uønsket deltid
        !deltidsbrann*
        """)
        #expect(theme.id == "test")
        #expect(theme.name == "Et tema")
        #expect(theme.terms.map(\.source) == ["heltid*", "*normer", "*undervisning*", "uønsket deltid"])
        #expect(theme.patterns.last?.isExclusion == true)
        #expect(theme.patterns[0].line == 6)
    }

    @Test(arguments: [
        ("# name: X\nord\n", 1, "id"),
        ("# id: x\nord\n", 1, "name"),
        ("# id: X Y\n# name: n\nord\n", 1, "id «X Y»"),
        ("# id: x\n# name: n\nhel*tid\n", 3, "* kan bare"),
        ("# id: x\n# name: n\n*\n", 3, "* kan bare"),
        ("# id: x\n# name: n\nord\nord\n", 4, "linje 3"),
        ("# id: x\n# name: n\n!\n", 3, "tomt mønster"),
        ("# id: x\n# name: n\nbpa-*\n", 3, "ordsplitteren"),
        ("# id: x\n# name: n\n!ord\n", 1, "ingen mønstre"),
    ])
    func errorsNameFileAndLine(text: String, line: Int, reason: String) {
        #expect {
            try parse(text)
        } throws: { error in
            guard let error = error as? ThemeFileError else { return false }
            return error.path == "tema.txt" && error.line == line && error.description.contains(reason)
        }
    }

    @Test func bundledFilesAllParseAndHaveDescriptions() {
        for theme in Fixture.themes {
            #expect(!theme.description.isEmpty, "\(theme.id)")
            #expect(!theme.source.isEmpty, "\(theme.id)")
            #expect(theme.path.hasSuffix("\(theme.id).txt"), "file name should be the id")
        }
    }

    @Test func duplicateIdsAcrossFilesAreRejected() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("# id: a\n# name: A\nord\n", to: "a.txt")
        try folder.write("# id: a\n# name: B\nannet\n", to: "b.txt")
        #expect(throws: ThemeFileError.self) { try ThemeDictionary.load(folder: folder.url, tokenizer: tokenizer) }
    }
}
