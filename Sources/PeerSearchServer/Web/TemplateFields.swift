import Mustache

// The page models answer the templates' lookups by name (swift-mustache's `MustacheParent`)
// instead of being read by reflection: `Mirror` lists every field of a model for every lookup,
// and took 30% of a results page's time (perf, 150 searches on the shared corpus). A field
// that is nil answers nil, as by reflection, so the lookup climbs to the enclosing model (the
// templates write `{{#.date}}` where that must not happen). The models not listed here are
// small and read by reflection.

extension SearchPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "frame": frame
        case "hasQuery": hasQuery
        case "countText": countText
        case "suggestion": suggestion
        case "searchedInstead": searchedInstead
        case "warnings": warnings
        case "sortOptions": sortOptions
        case "hits": hits
        case "hasHits": hasHits
        case "hasMatches": hasMatches
        case "firstRank": firstRank
        case "previousURL": previousURL
        case "nextURL": nextURL
        case "pageLinks": pageLinks
        case "hasPageNavigation": hasPageNavigation
        case "csvURL": csvURL
        case "jsonURL": jsonURL
        case "chips": chips
        case "hasChips": hasChips
        case "from": from
        case "to": to
        case "documentsText": documentsText
        case "facets": facets
        case "hasFacets": hasFacets
        case "yearChart": yearChart
        default: nil
        }
    }
}

extension SearchPage.Hit: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "rank": rank
        case "articleURL": articleURL
        case "title": title
        case "date": date
        case "author": author
        case "source": source
        case "path": path
        case "duplicates": duplicates
        case "hasDuplicates": hasDuplicates
        case "matchKind": matchKind
        case "matchLabel": matchLabel
        case "difference": difference
        case "passages": passages
        case "hasPassages": hasPassages
        case "morePassages": morePassages
        default: nil
        }
    }
}

extension SearchPage.PassageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "where": `where`
        case "segments": segments
        case "citation": citation
        default: nil
        }
    }
}

extension MarkedText.Segment: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": text
        case "marked": marked
        case "occurrence": occurrence
        case "next": next
        default: nil
        }
    }
}

extension PageFrame: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "pageTitle": pageTitle
        case "query": query
        case "filters": filters
        case "uploadsEnabled": uploadsEnabled
        case "hasFilters": hasFilters
        default: nil
        }
    }
}

extension FacetsView.Value: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "count": count
        case "url": url
        case "active": active
        default: nil
        }
    }
}

extension ArticlePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "frame": frame
        case "title": title
        case "date": date
        case "author": author
        case "source": source
        case "format": format
        case "path": path
        case "pageCount": pageCount
        case "downloadURL": downloadURL
        case "backURL": backURL
        case "hasQuery": hasQuery
        case "occurrenceText": occurrenceText
        case "matchLabel": matchLabel
        case "hasOccurrences": hasOccurrences
        case "occurrenceLinks": occurrenceLinks
        case "lines": lines
        case "similar": similar
        case "hasSimilar": hasSimilar
        default: nil
        }
    }
}

extension ArticlePage.Line: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": number
        case "pageStart": pageStart
        case "segments": segments
        default: nil
        }
    }
}
