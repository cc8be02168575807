import Testing

@testable import RiskregTemplate

/// Objects are pairs scanned from the last (`TemplateObject`), not dictionaries: they must
/// still read as the dictionaries the views were written against.
@Suite struct TemplateObjectTests {
    @Test func laterFieldsStandOverEarlierOnes() {
        var fields: TemplateObject = ["title": "first", "count": 1, "title": "second"]
        #expect(fields["title"] == "second")
        #expect(fields.keys == ["title", "count"])
        fields["count"] = 2
        fields["new"] = true
        #expect(fields["count"] == 2 && fields["new"] == true && fields["missing"] == nil)
        fields["title"] = nil
        #expect(fields["title"] == nil && fields.keys == ["count", "new"])
    }

    @Test func mergingLetsTheOtherWin() {
        let row: TemplateObject = ["title": "row", "href": "a.html"]
        let page: TemplateObject = ["title": "page", "logHTML": "<p>x</p>"]
        let merged = row.merging(page)
        #expect(merged["title"] == "page" && merged["href"] == "a.html" && merged["logHTML"] == "<p>x</p>")
        #expect(merged.dictionary == ["title": "page", "href": "a.html", "logHTML": "<p>x</p>"])
    }

    @Test func equalityIgnoresOrderAndOverwrittenValues() throws {
        let a: TemplateObject = ["x": 1, "y": "two"]
        let b: TemplateObject = ["y": "two", "x": 0, "x": 1]
        #expect(a == b)
        #expect(a != ["x": 1])
        #expect(a.mapValues { _ in .null } == ["x": nil, "y": nil])
        // Rendering reads the last value too.
        let library = try TemplateLibrary(templates: ["m": "{{x}} {{y}}"])
        #expect(try library.render("m", .object(b)) == "1 two")
    }
}
