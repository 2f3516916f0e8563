import Testing

@testable import PolicySearch

/// Paths as results show them: the prefix worked out once gives what the
/// component-by-component rule gives, from any working folder.
@Suite struct PathDisplayTests {
    @Test(arguments: [
        ("/work/shared/corpus", "/work/main"), ("/work/shared/corpus", "/tmp"), ("/work/shared/corpus", "/"),
        ("/work/shared/corpus", "/work/shared/corpus"), ("/work/shared/corpus", "/work/shared/corpus/plans"),
        ("/a/b/c/d/corpus", "/x/y/z"), ("/work/main/Corpus", "/work/main"), ("/work/main/Corpus", "/work/main/Corpus/sub/deeper"),
    ])
    func theFastPrefixShowsWhatTheRuleShows(corpus: String, workingFolder: String) {
        let paths = PathDisplay(corpus: corpus, workingFolder: workingFolder)
        for relative in ["a.md", "plans/a.md", "plans/sub/国发〔2015〕50号.md", "laws/行政法/网络安全法(2016-11-07).md"] {
            #expect(paths.show(relative) == paths.general(relative), "\(corpus) from \(workingFolder): \(relative)")
        }
        #expect(PathDisplay(corpus: "/work/shared/corpus", workingFolder: "/work/main").show("plans/a.md") == "../shared/corpus/plans/a.md")
    }
}
