/// The export's records and the index's entries written as `PrettyJSON`, members in sorted key
/// order: one file per record is written on every cold build (`api/drills/ID.json`).
extension ExportDocument.Drill: PrettyJSONWritable {
    package func write(to json: inout PrettyJSON) throws {
        json.openObject()
        try json.member("actions", actions)
        try json.member("checklist", checklist)
        json.member("date", date)
        json.member("environment", environment)
        try json.member("findings", findings)
        json.member("html", html)
        json.member("id", id)
        json.member("kind", kind)
        try json.member("metrics", metrics)
        json.member("number", number)
        try json.member("recoverySeconds", recoverySeconds)
        json.member("registers", registers)
        json.member("risks", risks)
        json.member("source", source)
        json.member("status", status)
        json.member("title", title)
        json.closeObject()
    }
}

extension ExportDocument.Metric: PrettyJSONWritable {
    package func write(to json: inout PrettyJSON) throws {
        json.openObject()
        json.member("name", name)
        try json.member("number", number)
        json.member("unit", unit)
        json.member("value", value)
        json.closeObject()
    }
}

extension ExportDocument.Finding: PrettyJSONWritable {
    package func write(to json: inout PrettyJSON) throws {
        json.openObject()
        json.member("html", html)
        json.member("title", title)
        json.closeObject()
    }
}

extension ExportDocument.Item: PrettyJSONWritable {
    package func write(to json: inout PrettyJSON) throws {
        json.openObject()
        json.member("artifact", artifact)
        json.member("done", done)
        json.member("doneOn", doneOn)
        json.member("due", due)
        json.member("line", line)
        json.member("openedOn", openedOn)
        json.member("owner", owner)
        json.member("refs", refs)
        json.member("text", text)
        json.closeObject()
    }
}

extension ExportIndex.Entry: PrettyJSONWritable {
    package func write(to json: inout PrettyJSON) throws {
        json.openObject()
        json.member("date", date)
        json.member("href", href)
        json.member("id", id)
        json.member("kind", kind)
        json.member("number", number)
        json.member("risks", risks)
        json.member("source", source)
        json.member("status", status)
        json.member("title", title)
        json.closeObject()
    }
}
