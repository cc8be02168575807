import Foundation
import RiskregModel
import RiskregReport

/// The Atom feed of drills and the sitemap. Both are made of absolute URLs (RFC 4287 wants
/// absolute IRIs for ids, the sitemaps.org schema absolute `<loc>`s), so a site built without
/// `--base-url` has neither, and its pages do not link to a feed.
package enum Feeds {
    package static let feedPath = "feed.xml"
    package static let sitemapPath = "sitemap.xml"

    /// The site's base URL ending in "/"; nil when the build has none (then there is no feed
    /// and no sitemap).
    package static func base(_ options: SiteOptions) -> String? {
        guard var base = options.baseURL, !base.isEmpty else { return nil }
        if !base.hasSuffix("/") { base += "/" }
        return base
    }

    /// The feed, its URLs under `base` (from `base(_:)`).
    ///
    /// Records dated after the build's day (drills planned for later) are not entries yet: an
    /// entry's `<updated>` is its record's day, and a day still to come would put the plan above
    /// every drill that really happened and tell readers the feed changed in the future, while
    /// dating it by the build day instead would change it on every daily build. A plan becomes an
    /// entry on its day; until then its page, the drill list and the dashboard show it.
    /// `summary` gives a record's summary (the snapshot's own by default; a build reads the
    /// register without them and fetches the fifty it shows).
    package static func atom(snapshot: RegisterSnapshot, options: SiteOptions, base: String,
                             summary: (RegisterSnapshot.DrillRecord) throws -> String = { $0.drill.summary }) rethrows -> String {
        let asOf = options.asOf.iso
        let records = snapshot.drills
            .filter { ($0.drill.date ?? "") <= asOf }
            .sorted { ($0.drill.date ?? "", $0.key) > ($1.drill.date ?? "", $1.key) }
            .prefix(50)
        func stamp(_ day: String?) -> String { (day ?? "1970-01-01") + "T00:00:00Z" }
        func escape(_ text: String) -> String { HTMLText.escape(text) }
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        xml += "  <title>\(escape(options.siteTitle)) — drills</title>\n"
        xml += "  <id>\(escape(base + feedPath))</id>\n"
        xml += "  <link rel=\"self\" href=\"\(escape(base + feedPath))\"/>\n"
        xml += "  <link href=\"\(escape(base + "index.html"))\"/>\n"
        xml += "  <updated>\(stamp(records.first?.drill.date))</updated>\n  <author><name>riskreg</name></author>\n"
        for record in records {
            let drill = record.drill
            xml += "  <entry>\n"
            xml += "    <title>\(escape(drill.displayName)) (\(drill.status.rawValue))</title>\n"
            xml += "    <id>urn:riskreg:drill:\(escape(drill.id))</id>\n"
            xml += "    <link href=\"\(escape(base + "drills/\(drill.id).html"))\"/>\n"
            xml += "    <updated>\(stamp(drill.date))</updated>\n"
            xml += "    <summary>\(escape(String(try summary(record).prefix(400))))</summary>\n"
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }

    /// The sitemap of every page, its URLs under `base` (from `base(_:)`). `listPages`: the
    /// pages of the drill and item lists cut into months, and of risks' drill lists cut into parts.
    package static func sitemap(snapshot: RegisterSnapshot, base: String, reportWeeks: [String], listPages: [String] = []) -> String {
        var paths = ["index.html", "risks/index.html", "drills/index.html", "items.html"]
        paths += snapshot.risks.map { "risks/\($0.risk.id).html" }
        paths += snapshot.drills.map { "drills/\($0.drill.id).html" }
        paths += listPages
        if !reportWeeks.isEmpty { paths += ["reports/index.html"] + reportWeeks.map { "reports/\($0).html" } }
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths { xml += "  <url><loc>\(HTMLText.escape(base + path))</loc></url>\n" }
        return xml + "</urlset>\n"
    }
}
