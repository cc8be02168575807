extension Drill {
    /// "Drill 04" for a numbered drill, else the title (records without numbers are known by it).
    package var shortName: String {
        guard let number else { return title }
        return "Drill \(number < 10 ? "0" : "")\(number)"
    }
}
