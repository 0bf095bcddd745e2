#compdef peersearch

__peersearch_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__peersearch_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __peersearch_complete "${completions[@]:0:-1}"
    fi
}

__peersearch_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_peersearch() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'index:Add new, update changed and drop removed articles.'
            'search:Search the index; print ranked articles with their matching lines.'
            'similar:List the articles most similar to an indexed article, by id (from search results) or path.'
            'remove:Remove the articles of files, or of every file under folders, from the index.'
            'stats:Show the index'\''s documents, terms, size on disk and when it last changed.'
            'watch:Index the folders, then keep the index current as files change (until Ctrl-C).'
            'show:Print an indexed article'\''s metadata and text, by id (from search results) or path.'
            'serve:Serve the index over HTTP: search, articles, and (with a token) uploads.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        index|search|similar|remove|stats|watch|show|serve|help)
            "_peersearch_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_peersearch_index() {
    local -i ret=1
    local -ar arg_specs=(
        '*:paths:_files'
        '*--index[The index folder (default\: $PEERSEARCH_INDEX, else the settings file'\''s index, else Index). search and serve take several\: folders or tcp\://host\:port shards.]:dir:_files -/'
        '--config[The settings file (default\: $PEERSEARCH_CONFIG, else /etc/peersearch/peersearch.conf when it exists). Options given on the command line win.]:file:_files'
        '--rebuild[Start from an empty index (recovers a damaged one).]'
        '--keep-missing[Keep articles whose files are gone.]'
        '--wait[Wait for another peersearch writer to finish instead of failing.]'
        '--dry-run[Show what would be added, updated and removed, without writing.]'
        '--max-file-mb[Skip files larger than this many MiB (they are reported, never truncated).]:max-file-mb:'
        '--commit-every[Commit after this many files (and after every 32 MiB), so an interrupted run keeps its work.]:files:'
        '--no-ocr[Do not read scanned PDF pages and images (.png, .jpg, .tif) with OCR (Tesseract).]'
        '--stdin[Index one article read from standard input.]'
        '--id[The name the article is kept under (as a file'\''s path would be).]:id:'
        '--format[The article'\''s format\: txt, md, html, pdf, docx, odt, epub, rtf or doc.]:format:'
        '--title[Title (default\: the first line).]:title:'
        '--author[Author.]:author:'
        '--source[Source, e.g. the newsletter.]:source:'
        '--date[Date, e.g. 2024-05-01.]:date:'
        '--shards[Spread articles over this many Xapian databases (shards) in the index folder.]:shards:'
        '--archive[Where articles without files of their own (--stdin, uploads) are kept as files (default\: the settings file'\''s archive, else the index folder'\''s name + .archive, beside it).]:dir:_files -/'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_peersearch_search() {
    local -i ret=1
    local -ar ___format=('text' 'json' 'jsonl' 'csv')
    local -ar ___sort=('relevance' 'newest' 'oldest')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        '*:query:'
        '*--index[The index folder (default\: $PEERSEARCH_INDEX, else the settings file'\''s index, else Index). search and serve take several\: folders or tcp\://host\:port shards.]:dir:_files -/'
        '--config[The settings file (default\: $PEERSEARCH_CONFIG, else /etc/peersearch/peersearch.conf when it exists). Options given on the command line win.]:file:_files'
        '--limit[Show at most this many articles.]:limit:'
        '--offset[Skip this many articles first (for paging).]:offset:'
        '--format[Output\: text (as ripgrep), json (one document), jsonl (one hit per line) or csv (one row per passage).]:format:{__peersearch_complete "${___format[@]}"}'
        '--json[The same as --format jsonl (as ripgrep'\''s --json).]'
        '--sort[Order\: relevance, newest or oldest (by the article'\''s date; undated articles last).]:sort:{__peersearch_complete "${___sort[@]}"}'
        '--facets[Count all matches by year, author, source, format and folder (JSON\: facets; text\: a block at the end).]'
        '--color[Colour in text output.]:color:{__peersearch_complete "${___color[@]}"}'
        '--exact[Exact matches only\: no inflected or approximate fallback for phrases.]'
        '--all[List byte-identical articles each on its own, not once with the others'\'' paths (text\: a line '\''also\: paths'\''; JSON\: duplicates).]'
        '--fields[Keep only these hit fields (comma-separated), e.g. path,title,score; in text too.]:list:'
        '(-c --count)'{-c,--count}'[Print only the number of matching articles.]'
        '(-l --files-with-matches)'{-l,--files-with-matches}'[Print only the paths of the articles found, one a line.]'
        '(-q --quiet)'{-q,--quiet}'[Print nothing; the exit status says whether articles were found.]'
        '(-C --context)'{-C,--context}'[Text\: show this many lines before and after each passage.]:n:'
        '--allow-partial[With several --index shards\: search those that answer, flag the result as partial.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_peersearch_similar() {
    local -i ret=1
    local -ar ___format=('text' 'json' 'jsonl' 'csv')
    local -ar ___color=('auto' 'always' 'never')
    local -ar arg_specs=(
        ':article:_files'
        '*--index[The index folder (default\: $PEERSEARCH_INDEX, else the settings file'\''s index, else Index). search and serve take several\: folders or tcp\://host\:port shards.]:dir:_files -/'
        '--config[The settings file (default\: $PEERSEARCH_CONFIG, else /etc/peersearch/peersearch.conf when it exists). Options given on the command line win.]:file:_files'
        '--limit[Show at most this many articles.]:limit:'
        '--offset[Skip this many articles first (for paging).]:offset:'
        '--format[Output\: text, json, jsonl or csv, as for search.]:format:{__peersearch_complete "${___format[@]}"}'
        '--color[Colour in text output.]:color:{__peersearch_complete "${___color[@]}"}'
        '--all[List byte-identical articles each on its own, as for search.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_peersearch_remove() {
    local -i ret=1
    local -ar arg_specs=(
        '*:paths:_files'
        '*--index[The index folder (default\: $PEERSEARCH_INDEX, else the settings file'\''s index, else Index). search and serve take several\: folders or tcp\://host\:port shards.]:dir:_files -/'
        '--config[The settings file (default\: $PEERSEARCH_CONFIG, else /etc/peersearch/peersearch.conf when it exists). Options given on the command line win.]:file:_files'
        '--wait[Wait for another peersearch writer to finish instead of failing.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_peersearch_stats() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        '*--index[The index folder (default\: $PEERSEARCH_INDEX, else the settings file'\''s index, else Index). search and serve take several\: folders or tcp\://host\:port shards.]:dir:_files -/'
        '--config[The settings file (default\: $PEERSEARCH_CONFIG, else /etc/peersearch/peersearch.conf when it exists). Options given on the command line win.]:file:_files'
        '--format[Output\: text or json.]:format:{__peersearch_complete "${___format[@]}"}'
        '--json[The same as --format json.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_peersearch_watch() {
    local -i ret=1
    local -ar arg_specs=(
        '*:paths:_files -/'
        '*--index[The index folder (default\: $PEERSEARCH_INDEX, else the settings file'\''s index, else Index). search and serve take several\: folders or tcp\://host\:port shards.]:dir:_files -/'
        '--config[The settings file (default\: $PEERSEARCH_CONFIG, else /etc/peersearch/peersearch.conf when it exists). Options given on the command line win.]:file:_files'
        '--no-ocr[Do not read scanned PDF pages and images (.png, .jpg, .tif) with OCR (Tesseract).]'
        '--settle[Seconds to wait for more changes before indexing a batch.]:settle:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_peersearch_show() {
    local -i ret=1
    local -ar ___format=('text' 'json')
    local -ar arg_specs=(
        ':article:_files'
        '*--index[The index folder (default\: $PEERSEARCH_INDEX, else the settings file'\''s index, else Index). search and serve take several\: folders or tcp\://host\:port shards.]:dir:_files -/'
        '--config[The settings file (default\: $PEERSEARCH_CONFIG, else /etc/peersearch/peersearch.conf when it exists). Options given on the command line win.]:file:_files'
        '--format[Output\: text, or json (id, path, format, title, author, source, date, bytes, modified, notes, pages (PDF), text).]:format:{__peersearch_complete "${___format[@]}"}'
        '--json[The same as --format json.]'
        '--page[Print only this page of a PDF (1 is the first); JSON then has page and first_line.]:n:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_peersearch_serve() {
    local -i ret=1
    local -ar arg_specs=(
        '*--index[The index folder (default\: $PEERSEARCH_INDEX, else the settings file'\''s index, else Index). search and serve take several\: folders or tcp\://host\:port shards.]:dir:_files -/'
        '--config[The settings file (default\: $PEERSEARCH_CONFIG, else /etc/peersearch/peersearch.conf when it exists). Options given on the command line win.]:file:_files'
        '--host[The address to listen on (default\: the settings file'\''s host, else 127.0.0.1\: this machine only).]:host:'
        '--port[The TCP port to listen on (default\: the settings file'\''s port, else 8080).]:port:'
        '--token-file[Read the write token from this file (default\: $PEERSEARCH_TOKEN, else the settings file'\''s token-file).]:file:_files'
        '--max-upload-mb[Refuse request bodies over this many MiB (413).]:mib:'
        '--max-connections[Keep at most this many connections open; another closes the one idle longest.]:n:'
        '--idle-timeout[Close a connection that sends nothing for this many seconds.]:seconds:'
        '--archive[Where uploads are kept as files (default\: the settings file'\''s archive, else the index folder'\''s name + .archive, beside it).]:dir:_files -/'
        '--no-ocr[Do not read scanned PDF pages and images (.png, .jpg, .tif) with OCR (Tesseract).]'
        '--log-level[Log level\: trace, debug, info, notice, warning, error or critical.]:log-level:'
        '--allow-partial[With several --index shards\: search those that answer, list the others in the result.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_peersearch_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _peersearch ]]; then
    _peersearch "${@}"
else
    compdef _peersearch peersearch
fi
