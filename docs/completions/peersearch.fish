function __peersearch_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __peersearch_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __peersearch_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __peersearch_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __peersearch_parse_tokens -S
    set -l unparsed_tokens (__peersearch_tokens -pc)
    switch $unparsed_tokens[1]
    case 'peersearch'
        __peersearch_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'index'
            __peersearch_parse_subcommand -r 1 'index=+' 'config=' 'rebuild' 'keep-missing' 'wait' 'dry-run' 'max-file-mb=' 'commit-every=' 'no-ocr' 'stdin' 'id=' 'format=' 'title=' 'author=' 'source=' 'date=' 'shards=' 'archive=' 'version' 'h/help'
        case 'search'
            __peersearch_parse_subcommand -r 1 'index=+' 'config=' 'limit=' 'offset=' 'format=' 'json' 'sort=' 'facets' 'color=' 'exact' 'all' 'fields=' 'c/count' 'l/files-with-matches' 'q/quiet' 'C/context=' 'allow-partial' 'version' 'h/help'
        case 'similar'
            __peersearch_parse_subcommand 1 'index=+' 'config=' 'limit=' 'offset=' 'format=' 'color=' 'all' 'version' 'h/help'
        case 'remove'
            __peersearch_parse_subcommand -r 1 'index=+' 'config=' 'wait' 'version' 'h/help'
        case 'stats'
            __peersearch_parse_subcommand 0 'index=+' 'config=' 'format=' 'json' 'version' 'h/help'
        case 'watch'
            __peersearch_parse_subcommand -r 1 'index=+' 'config=' 'no-ocr' 'settle=' 'version' 'h/help'
        case 'show'
            __peersearch_parse_subcommand 1 'index=+' 'config=' 'format=' 'json' 'page=' 'version' 'h/help'
        case 'serve'
            __peersearch_parse_subcommand 0 'index=+' 'config=' 'host=' 'port=' 'token-file=' 'max-upload-mb=' 'max-connections=' 'idle-timeout=' 'archive=' 'no-ocr' 'log-level=' 'allow-partial' 'version' 'h/help'
        case 'help'
            __peersearch_parse_subcommand -r 1 'version'
        end
    end
end

function __peersearch_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __peersearch_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __peersearch_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __peersearch_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__peersearch_tokens -p)
    if test -z "$(__peersearch_tokens -t)"
        set -l index (count (__peersearch_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'peersearch' -f
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch" version' -l 'version' -d 'Show the version.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_positional "peersearch" -eq 1' -fa 'index' -d 'Add new, update changed and drop removed articles.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_positional "peersearch" -eq 1' -fa 'search' -d 'Search the index; print ranked articles with their matching lines.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_positional "peersearch" -eq 1' -fa 'similar' -d 'List the articles most similar to an indexed article, by id (from search results) or path.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_positional "peersearch" -eq 1' -fa 'remove' -d 'Remove the articles of files, or of every file under folders, from the index.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_positional "peersearch" -eq 1' -fa 'stats' -d 'Show the index\'s documents, terms, size on disk and when it last changed.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_positional "peersearch" -eq 1' -fa 'watch' -d 'Index the folders, then keep the index current as files change (until Ctrl-C).'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_positional "peersearch" -eq 1' -fa 'show' -d 'Print an indexed article\'s metadata and text, by id (from search results) or path.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_positional "peersearch" -eq 1' -fa 'serve' -d 'Serve the index over HTTP: search, articles, and (with a token) uploads.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_positional "peersearch" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_positional "peersearch index" -ge 1' -F
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch index"' -l 'index' -d 'The index folder (default: $PEERSEARCH_INDEX, else the settings file\'s index, else Index). search and serve take several: folders or tcp://host:port shards.' -rfa '(__peersearch_complete_directories)'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch index" config' -l 'config' -d 'The settings file (default: $PEERSEARCH_CONFIG, else /etc/peersearch/peersearch.conf when it exists). Options given on the command line win.' -rF
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch index" rebuild' -l 'rebuild' -d 'Start from an empty index (recovers a damaged one).'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch index" keep-missing' -l 'keep-missing' -d 'Keep articles whose files are gone.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch index" wait' -l 'wait' -d 'Wait for another peersearch writer to finish instead of failing.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch index" dry-run' -l 'dry-run' -d 'Show what would be added, updated and removed, without writing.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch index" max-file-mb' -l 'max-file-mb' -d 'Skip files larger than this many MiB (they are reported, never truncated).' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch index" commit-every' -l 'commit-every' -d 'Commit after this many files (and after every 32 MiB), so an interrupted run keeps its work.' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch index" no-ocr' -l 'no-ocr' -d 'Do not read scanned PDF pages and images (.png, .jpg, .tif) with OCR (Tesseract).'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch index" stdin' -l 'stdin' -d 'Index one article read from standard input.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch index" id' -l 'id' -d 'The name the article is kept under (as a file\'s path would be).' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch index" format' -l 'format' -d 'The article\'s format: txt, md, html, pdf, docx, odt, epub, rtf or doc.' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch index" title' -l 'title' -d 'Title (default: the first line).' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch index" author' -l 'author' -d 'Author.' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch index" source' -l 'source' -d 'Source, e.g. the newsletter.' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch index" date' -l 'date' -d 'Date, e.g. 2024-05-01.' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch index" shards' -l 'shards' -d 'Spread articles over this many Xapian databases (shards) in the index folder.' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch index" archive' -l 'archive' -d 'Where articles without files of their own (--stdin, uploads) are kept as files (default: the settings file\'s archive, else the index folder\'s name + .archive, beside it).' -rfa '(__peersearch_complete_directories)'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch index" version' -l 'version' -d 'Show the version.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch index" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch search"' -l 'index' -d 'The index folder (default: $PEERSEARCH_INDEX, else the settings file\'s index, else Index). search and serve take several: folders or tcp://host:port shards.' -rfa '(__peersearch_complete_directories)'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch search" config' -l 'config' -d 'The settings file (default: $PEERSEARCH_CONFIG, else /etc/peersearch/peersearch.conf when it exists). Options given on the command line win.' -rF
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch search" limit' -l 'limit' -d 'Show at most this many articles.' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch search" offset' -l 'offset' -d 'Skip this many articles first (for paging).' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch search" format' -l 'format' -d 'Output: text (as ripgrep), json (one document), jsonl (one hit per line) or csv (one row per passage).' -rfka 'text json jsonl csv'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch search" json' -l 'json' -d 'The same as --format jsonl (as ripgrep\'s --json).'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch search" sort' -l 'sort' -d 'Order: relevance, newest or oldest (by the article\'s date; undated articles last).' -rfka 'relevance newest oldest'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch search" facets' -l 'facets' -d 'Count all matches by year, author, source, format and folder (JSON: facets; text: a block at the end).'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch search" color' -l 'color' -d 'Colour in text output.' -rfka 'auto always never'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch search" exact' -l 'exact' -d 'Exact matches only: no inflected or approximate fallback for phrases.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch search" all' -l 'all' -d 'List byte-identical articles each on its own, not once with the others\' paths (text: a line \'also: paths\'; JSON: duplicates).'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch search" fields' -l 'fields' -d 'Keep only these hit fields (comma-separated), e.g. path,title,score; in text too.' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch search" c count' -s 'c' -l 'count' -d 'Print only the number of matching articles.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch search" files-with-matches l' -s 'l' -l 'files-with-matches' -d 'Print only the paths of the articles found, one a line.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch search" q quiet' -s 'q' -l 'quiet' -d 'Print nothing; the exit status says whether articles were found.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch search" C context' -s 'C' -l 'context' -d 'Text: show this many lines before and after each passage.' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch search" allow-partial' -l 'allow-partial' -d 'With several --index shards: search those that answer, flag the result as partial.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch search" version' -l 'version' -d 'Show the version.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch search" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_positional "peersearch similar" -eq 1' -F
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch similar"' -l 'index' -d 'The index folder (default: $PEERSEARCH_INDEX, else the settings file\'s index, else Index). search and serve take several: folders or tcp://host:port shards.' -rfa '(__peersearch_complete_directories)'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch similar" config' -l 'config' -d 'The settings file (default: $PEERSEARCH_CONFIG, else /etc/peersearch/peersearch.conf when it exists). Options given on the command line win.' -rF
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch similar" limit' -l 'limit' -d 'Show at most this many articles.' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch similar" offset' -l 'offset' -d 'Skip this many articles first (for paging).' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch similar" format' -l 'format' -d 'Output: text, json, jsonl or csv, as for search.' -rfka 'text json jsonl csv'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch similar" color' -l 'color' -d 'Colour in text output.' -rfka 'auto always never'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch similar" all' -l 'all' -d 'List byte-identical articles each on its own, as for search.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch similar" version' -l 'version' -d 'Show the version.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch similar" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_positional "peersearch remove" -ge 1' -F
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch remove"' -l 'index' -d 'The index folder (default: $PEERSEARCH_INDEX, else the settings file\'s index, else Index). search and serve take several: folders or tcp://host:port shards.' -rfa '(__peersearch_complete_directories)'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch remove" config' -l 'config' -d 'The settings file (default: $PEERSEARCH_CONFIG, else /etc/peersearch/peersearch.conf when it exists). Options given on the command line win.' -rF
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch remove" wait' -l 'wait' -d 'Wait for another peersearch writer to finish instead of failing.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch remove" version' -l 'version' -d 'Show the version.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch remove" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch stats"' -l 'index' -d 'The index folder (default: $PEERSEARCH_INDEX, else the settings file\'s index, else Index). search and serve take several: folders or tcp://host:port shards.' -rfa '(__peersearch_complete_directories)'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch stats" config' -l 'config' -d 'The settings file (default: $PEERSEARCH_CONFIG, else /etc/peersearch/peersearch.conf when it exists). Options given on the command line win.' -rF
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch stats" format' -l 'format' -d 'Output: text or json.' -rfka 'text json'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch stats" json' -l 'json' -d 'The same as --format json.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch stats" version' -l 'version' -d 'Show the version.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch stats" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_positional "peersearch watch" -ge 1' -fa '(__peersearch_complete_directories)'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch watch"' -l 'index' -d 'The index folder (default: $PEERSEARCH_INDEX, else the settings file\'s index, else Index). search and serve take several: folders or tcp://host:port shards.' -rfa '(__peersearch_complete_directories)'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch watch" config' -l 'config' -d 'The settings file (default: $PEERSEARCH_CONFIG, else /etc/peersearch/peersearch.conf when it exists). Options given on the command line win.' -rF
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch watch" no-ocr' -l 'no-ocr' -d 'Do not read scanned PDF pages and images (.png, .jpg, .tif) with OCR (Tesseract).'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch watch" settle' -l 'settle' -d 'Seconds to wait for more changes before indexing a batch.' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch watch" version' -l 'version' -d 'Show the version.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch watch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_positional "peersearch show" -eq 1' -F
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch show"' -l 'index' -d 'The index folder (default: $PEERSEARCH_INDEX, else the settings file\'s index, else Index). search and serve take several: folders or tcp://host:port shards.' -rfa '(__peersearch_complete_directories)'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch show" config' -l 'config' -d 'The settings file (default: $PEERSEARCH_CONFIG, else /etc/peersearch/peersearch.conf when it exists). Options given on the command line win.' -rF
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch show" format' -l 'format' -d 'Output: text, or json (id, path, format, title, author, source, date, bytes, modified, notes, pages (PDF), text).' -rfka 'text json'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch show" json' -l 'json' -d 'The same as --format json.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch show" page' -l 'page' -d 'Print only this page of a PDF (1 is the first); JSON then has page and first_line.' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch show" version' -l 'version' -d 'Show the version.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch serve"' -l 'index' -d 'The index folder (default: $PEERSEARCH_INDEX, else the settings file\'s index, else Index). search and serve take several: folders or tcp://host:port shards.' -rfa '(__peersearch_complete_directories)'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch serve" config' -l 'config' -d 'The settings file (default: $PEERSEARCH_CONFIG, else /etc/peersearch/peersearch.conf when it exists). Options given on the command line win.' -rF
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch serve" host' -l 'host' -d 'The address to listen on (default: the settings file\'s host, else 127.0.0.1: this machine only).' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch serve" port' -l 'port' -d 'The TCP port to listen on (default: the settings file\'s port, else 8080).' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch serve" token-file' -l 'token-file' -d 'Read the write token from this file (default: $PEERSEARCH_TOKEN, else the settings file\'s token-file).' -rF
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch serve" max-upload-mb' -l 'max-upload-mb' -d 'Refuse request bodies over this many MiB (413).' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch serve" max-connections' -l 'max-connections' -d 'Keep at most this many connections open; another closes the one idle longest.' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch serve" idle-timeout' -l 'idle-timeout' -d 'Close a connection that sends nothing for this many seconds.' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch serve" archive' -l 'archive' -d 'Where uploads are kept as files (default: the settings file\'s archive, else the index folder\'s name + .archive, beside it).' -rfa '(__peersearch_complete_directories)'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch serve" no-ocr' -l 'no-ocr' -d 'Do not read scanned PDF pages and images (.png, .jpg, .tif) with OCR (Tesseract).'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch serve" log-level' -l 'log-level' -d 'Log level: trace, debug, info, notice, warning, error or critical.' -rfka ''
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch serve" allow-partial' -l 'allow-partial' -d 'With several --index shards: search those that answer, list the others in the result.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch serve" version' -l 'version' -d 'Show the version.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch serve" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'peersearch' -n '__peersearch_should_offer_completions_for_flags_or_options "peersearch help" version' -l 'version' -d 'Show the version.'
