/// What every page's header and footer show: the page's title, the search box's query and the
/// filters it carries along, and whether the upload link is offered.
struct PageFrame: Sendable {
    /// A filter the search box carries along as a hidden field.
    struct Filter: Sendable {
        var name: String
        var value: String
    }

    var pageTitle: String?
    var query: String
    var filters: [Filter]
    var uploadsEnabled: Bool
    var hasFilters: Bool { !filters.isEmpty }

    init(pageTitle: String?, query: String, filters: [Filter], uploadsEnabled: Bool) {
        self.pageTitle = pageTitle
        self.query = query
        self.filters = filters
        self.uploadsEnabled = uploadsEnabled
    }
}
