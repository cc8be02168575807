import Foundation
import Testing

@testable import RiskregModel
@testable import RiskregTemplate

/// The official Mustache spec (comments, delimiters, interpolation, inverted, partials,
/// sections) run against RiskregTemplate in spec mode, from `../shared/mustache-spec` next to
/// the package. A missing folder or file fails the test: the spec is not optional.
@Suite struct MustacheSpecTests {
    static let specFolder = TestSupport.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/mustache-spec")
    static let specFiles = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections"]

    /// One spec file: `{"tests": [{name, desc, data, template, partials?, expected}]}`.
    struct SpecFile: Decodable {
        var tests: [SpecTest]
    }

    struct SpecTest: Decodable {
        var name: String
        var data: SpecValue
        var template: String
        var partials: [String: String]?
        var expected: String
    }

    /// JSON as a template value: integers stay `Int` (so 85 prints "85"), other numbers `Double`.
    struct SpecValue: Decodable {
        var value: TemplateValue

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                value = .null
            } else if let flag = try? container.decode(Bool.self) {
                value = .bool(flag)
            } else if let number = try? container.decode(Int.self) {
                value = .int(number)
            } else if let number = try? container.decode(Double.self) {
                value = .number(number)
            } else if let text = try? container.decode(String.self) {
                value = .text(text)
            } else if let list = try? container.decode([SpecValue].self) {
                value = .list(list.map(\.value))
            } else {
                value = .object(TemplateObject(try container.decode([String: SpecValue].self).mapValues(\.value)))
            }
        }
    }

    @Test func everySpecTestPasses() throws {
        var total = 0
        var passed = 0
        for file in Self.specFiles {
            let url = Self.specFolder.appendingPathComponent(file + ".json")
            let data = try #require(FileManager.default.contents(atPath: url.path),
                                    "Mustache spec file missing: \(url.path) (the spec lives in /work/shared/mustache-spec)")
            let spec = try JSONDecoder().decode(SpecFile.self, from: data)
            #expect(!spec.tests.isEmpty, "\(file).json holds no tests")
            for test in spec.tests {
                total += 1
                let outcome: String
                do {
                    var templates = test.partials ?? [:]
                    templates["__test__"] = test.template
                    outcome = try TemplateLibrary(templates: templates, mode: .spec).render("__test__", test.data.value)
                } catch {
                    Issue.record("\(file).json: \(test.name): threw \(error)")
                    continue
                }
                if outcome == test.expected {
                    passed += 1
                } else {
                    Issue.record("\(file).json: \(test.name): expected \(test.expected.debugDescription), got \(outcome.debugDescription)")
                }
            }
        }
        #expect(total == 136, "the six spec files held \(total) tests, not 136")
        #expect(passed == total)
    }

    // MARK: Beyond the spec: what the site relies on

    private func render(_ template: String, _ value: TemplateValue, partials: [String: String] = [:], mode: TemplateLibrary.Mode = .strict) throws -> String {
        var templates = partials
        templates["t"] = template
        return try TemplateLibrary(templates: templates, mode: mode).render("t", value)
    }

    @Test func escapingIsHTMLTextEscape() throws {
        var samples = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        samples += ["O'Brien & <Sons> \"quoted\"", "émigré — 日本語 'x'", "", "plain", "&&&", "'\"'"]
        for sample in samples {
            #expect(HTMLEscaping.escape(sample) == HTMLText.escape(sample), "\(sample.debugDescription)")
            #expect(try render("{{x}}", ["x": .text(sample)]) == HTMLText.escape(sample))
            #expect(try render("{{{x}}}", ["x": .text(sample)]) == sample)
        }
    }

    @Test func strictModeNamesTheFileAndLineOfAnUnknownKey() throws {
        let library = try TemplateLibrary([
            .init(name: "page", text: "a\n{{#rows}}\n{{> row}}\n{{/rows}}\n", file: "t/page.mustache"),
            .init(name: "row", text: "<li>{{name}}</li>\n<li>{{nope}}</li>\n", file: "t/row.mustache"),
        ], mode: .strict)
        #expect {
            try library.render("page", ["rows": [["name": "x"]], "title": "T"])
        } throws: { error in
            let error = error as? TemplateError
            return error?.file == "t/row.mustache" && error?.line == 2
                && error?.reason.contains("unknown key 'nope'") == true && error?.reason.contains("title") == true
        }
        // A key in an enclosing frame is found; `false` and `null` are found values.
        #expect(try library.render("page", ["rows": [["name": "x", "nope": false]]]) == "a\n<li>x</li>\n<li>false</li>\n")
        // Spec mode renders the missing key as nothing.
        let lenient = try TemplateLibrary(templates: ["t": "[{{nope}}{{a.b}}]"], mode: .spec)
        #expect(try lenient.render("t", ["a": [:]]) == "[]")
        #expect(throws: TemplateError.self) { try render("{{a.b}}", ["a": [:]]) }
    }

    @Test func loadErrorsNameFileAndLine() throws {
        func loadError(_ text: String, mode: TemplateLibrary.Mode = .strict) -> TemplateError? {
            do {
                _ = try TemplateLibrary([.init(name: "t", text: text, file: "dir/t.mustache")], mode: mode)
                return nil
            } catch {
                return error as? TemplateError
            }
        }
        let partial = loadError("x\n{{> nowhere}}\n")
        #expect(partial?.line == 2 && partial?.reason.hasPrefix("unknown partial 'nowhere'") == true)
        #expect(loadError("x\n{{> nowhere}}\n", mode: .spec) == nil)
        let function = loadError("\n\n{{#count(list)}}{{/count(list)}}")
        #expect(function?.line == 3 && function?.reason.contains("only `empty(name)`") == true)
        #expect(loadError("{{#a}}\n{{/b}}")?.line == 2)
        #expect(loadError("x\n{{#open}}\n")?.reason.contains("never closed") == true)
        #expect(loadError("{{/a}}")?.line == 1)
        #expect(loadError("a\n{{name")?.line == 2)
        #expect(loadError("{{<parent}}{{/parent}}")?.reason.contains("inheritance") == true)
        #expect(loadError("{{% CONTENT_TYPE: HTML }}")?.reason.contains("pragmas") == true)
        #expect(loadError("{{>*dynamic}}")?.reason.contains("dynamic") == true)
        #expect(loadError("{{=<% %> x=}}") != nil)
        #expect(loadError("{{a b}}") != nil)
        #expect(loadError("{{empty(a(b))}}") != nil)
        #expect(loadError("{{#empty(list)}}\n\n\n{{/empty(list)}}") == nil)
        #expect(loadError(String(repeating: "{{#a}}", count: 100) + String(repeating: "{{/a}}", count: 100)) == nil)
        #expect(loadError(String(repeating: "{{#a}}\n", count: 20_000))?.line == 101)
        #expect(loadError("{{! a\nmultiline comment }}\n{{=| |=}}\n|x|\n|/y|")?.line == 5)
    }

    /// swift-mustache's `empty` transform: lists and text only; anything else is no value.
    @Test func emptyMatchesSwiftMustache() throws {
        let template = "{{#empty(x)}}E{{/empty(x)}}{{^empty(x)}}N{{/empty(x)}}"
        #expect(try render(template, ["x": []]) == "E")
        #expect(try render(template, ["x": [1]]) == "N")
        #expect(try render(template, ["x": ""]) == "E")
        #expect(try render(template, ["x": "a"]) == "N")
        #expect(try render(template, ["x": false]) == "N")
        #expect(try render(template, ["x": 0]) == "N")
        #expect(try render(template, ["x": ["k": 1]]) == "N")
        #expect(throws: TemplateError.self) { try render(template, [:]) }
        #expect(try render(template, [:], mode: .spec) == "N")
    }

    /// swift-mustache's truth: an empty text and 0 are true; false, null and [] are false.
    @Test func truthMatchesSwiftMustache() throws {
        let template = "{{#x}}T{{/x}}{{^x}}F{{/x}}"
        #expect(try render(template, ["x": ""]) == "T")
        #expect(try render(template, ["x": 0]) == "T")
        #expect(try render(template, ["x": [:]]) == "T")
        #expect(try render(template, ["x": false]) == "F")
        #expect(try render(template, ["x": nil]) == "F")
        #expect(try render(template, ["x": []]) == "F")
        #expect(try render("{{x}} {{y}} {{z}}", ["x": true, "y": 2.5, "z": 7]) == "true 2.5 7")
        #expect(throws: TemplateError.self) { try render("{{x}}", ["x": [1]]) }
    }

    @Test func selfIncludingPartialIsAnErrorNotACrash() throws {
        #expect {
            try render("{{> t}}", ["a": 1])
        } throws: { error in
            (error as? TemplateError)?.reason.contains("nest more than") == true
        }
    }
}
