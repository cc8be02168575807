import Foundation
import Mustache
import Testing

@testable import RiskregTemplate

/// Random templates, written the way the shipped ones are, render the same bytes with
/// RiskregTemplate as with swift-mustache: standalone section, comment and partial lines at
/// any indentation, inline sections and partials, `empty(…)`, values with newlines inside
/// indented partials, HTML escaping. Seeded, so a failure reproduces.
///
/// Where the two differ, swift-mustache departs from the Mustache spec and RiskregTemplate
/// follows it, so those shapes are not generated: after a section whose opening tag shares its
/// line but whose closing tag stands alone, swift-mustache does not treat the next line as
/// standalone; a tag after `{{/…}}` on a line whose section opened standalone is taken as
/// standalone; whitespace after the last newline of a template is dropped. And it prints
/// lists and objects in `{{name}}` as Swift descriptions, where RiskregTemplate prints nothing
/// (spec mode) or fails (strict mode).
@Suite struct TemplateDifferentialTests {
    /// SplitMix64: a small seeded generator, the same on every platform.
    struct Random {
        var state: UInt64
        mutating func callAsFunction(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    static let sectionNames = ["s", "t", "l", "f", "o", "e", "empty(l)", "empty(e)"]

    static let data: TemplateValue = [
        "v": "V<'\"&", "w": "line1\nline2\n", "n": 3, "b": true, "s": true, "t": "text", "f": false,
        "e": [], "l": [["v": "L1"], ["v": "L2", "w": "x\n"]], "o": ["v": "O"],
    ]

    /// Text, values, comments, partials and sections within one line.
    func inline(_ random: inout Random, partials: Bool, depth: Int) -> String {
        var out = ""
        for _ in 0..<(random(4) + 1) {
            switch random(depth > 1 ? 7 : 9) {
            case 0: out += ["a", "b c", "<&>", "'", " "][random(5)]
            case 1: out += ["{{v}}", "{{{v}}}", "{{&w}}", "{{w}}", "{{n}}", "{{b}}", "{{t}}"][random(7)]
            case 2: out += partials ? "{{> p}}" : "{{v}}"
            case 3: out += "{{! c }}"
            case 4: out += ["  ", "\t"][random(2)]
            case 5: out += "x"
            case 6: out += "{{ n }}"
            default:
                let name = Self.sectionNames[random(Self.sectionNames.count)]
                out += "{{\(random(2) == 0 ? "#" : "^")\(name)}}" + inline(&random, partials: partials, depth: depth + 1) + "{{/\(name)}}"
            }
        }
        return out
    }

    /// Lines: content, blank, standalone comments and partials, sections opened and closed on
    /// lines of their own, and sections opened before content and closed on a line of their own.
    func block(_ random: inout Random, partials: Bool, depth: Int) -> String {
        var out = ""
        for _ in 0..<(random(5) + 1) {
            let indent = ["", "  ", "\t", "    "][random(4)]
            switch random(depth > 2 ? 4 : 7) {
            case 0, 1: out += indent + inline(&random, partials: partials, depth: 0) + "\n"
            case 2: out += ["\n", indent + "{{! c }}\n"][random(2)]
            case 3: out += partials ? indent + "{{> p}}\n" : "\n"
            case 4, 5:
                let name = Self.sectionNames[random(Self.sectionNames.count)]
                out += indent + "{{\(random(2) == 0 ? "#" : "^")\(name)}}\n" + block(&random, partials: partials, depth: depth + 1)
                    + ["", "  ", "\t"][random(3)] + "{{/\(name)}}\n"
            default:
                let name = ["s", "l", "f", "o"][random(4)]
                out += indent + "{{#\(name)}}" + inline(&random, partials: partials, depth: 0) + "\n"
                    + block(&random, partials: partials, depth: depth + 1) + indent + "{{/\(name)}}\n" + "after\n"
            }
        }
        return out
    }

    @Test func randomTemplatesRenderAsSwiftMustacheDid() throws {
        _ = LegacyHTMLEscaper.registered
        var random = Random(state: 7)
        let value = Self.data
        let data = try #require(LegacyTemplates.untyped(value) as? [String: Any])
        var failures = 0
        for _ in 0..<2000 {
            let main = block(&random, partials: true, depth: 0)
            let partial = block(&random, partials: false, depth: 1)
            var reference = MustacheLibrary()
            reference.register(try MustacheTemplate(string: LegacyHTMLEscaper.directive + "\n" + main), named: "m")
            reference.register(try MustacheTemplate(string: LegacyHTMLEscaper.directive + "\n" + partial), named: "p")
            let old = reference.render(LegacyStrictContext(data), withTemplate: "m")
            let new = try TemplateLibrary(templates: ["m": main, "p": partial], mode: .strict).render("m", value)
            if old != new {
                failures += 1
                if failures <= 3 {
                    Issue.record("template \(main.debugDescription)\npartial p \(partial.debugDescription)\nswift-mustache \((old ?? "nil").debugDescription)\nRiskregTemplate \(new.debugDescription)")
                }
            }
        }
        #expect(failures == 0)
    }

    /// `value` with every list made a row list (`TemplateValue.rowList`), whose elements are
    /// made as a section renders them, and every text given as its bytes (`TemplateValue.utf8`).
    static func madeOnDemand(_ value: TemplateValue) -> TemplateValue {
        switch value {
        case .text(let text): return .utf8(Array(text.utf8))
        case .list(let items):
            let elements = items.map(madeOnDemand)
            return .rowList(RowList(count: elements.count) { elements[$0] })
        case .object(let fields): return .object(fields.mapValues(madeOnDemand))
        default: return value
        }
    }

    /// Long lists on pages are row lists, and a page's content reaches its layout as bytes:
    /// every template must render them exactly as the same elements in a plain list and the
    /// same text as a string, in values, sections, inverted sections, `empty(…)` and partials.
    @Test func rowListsAndTextAsBytesRenderAsTheirPlainForms() throws {
        var random = Random(state: 11)
        let onDemand = Self.madeOnDemand(Self.data)
        #expect(onDemand != Self.data)
        guard case .rowList(let rows)? = onDemand["l"] else {
            Issue.record("no row list")
            return
        }
        #expect(rows.elements == Self.data["l"]?.elements?.map(Self.madeOnDemand))
        for _ in 0..<2000 {
            let main = block(&random, partials: true, depth: 0)
            let partial = block(&random, partials: false, depth: 1)
            let library = try TemplateLibrary(templates: ["m": main, "p": partial], mode: .strict)
            let plain = try library.render("m", Self.data)
            let made = try library.render("m", onDemand)
            #expect(plain == made, "template \(main.debugDescription)\npartial p \(partial.debugDescription)")
            if plain != made { break }
        }
        // As a value, a row list is a list: no text, and an error in strict mode.
        let strict = try TemplateLibrary(templates: ["m": "{{l}}"], mode: .strict)
        #expect(throws: TemplateError.self) { try strict.render("m", onDemand) }
        #expect(try TemplateLibrary(templates: ["m": "[{{l}}]"]).render("m", onDemand) == "[]")
    }
}
