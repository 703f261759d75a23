using ArchPgtable.Native.Extraction;

namespace ArchPgtable.Native.Tests;

/// <summary>The C-aware extractor and the #if evaluator on small, hand-written C (no kernel source).</summary>
public sealed class ExtractorTests
{
    private const string Source = """
        /* a comment with a brace { and a fake static inline int nope(void) { } */
        #ifndef GUARD_H
        #define GUARD_H
        #define SHIFT 12
        #define LONG_MACRO(a, b) \
            ((a) + \
             (b))
        #define self_marker self_marker
        static const char *s = "a string with } and /* not a comment";
        static inline int one(int x)
        {
            char c = '}';
            // a line comment with {
            return x + (c == '}');
        }

        #ifdef CONFIG_WIDE
        #define WIDTH 64
        static inline int pick(void) { return 1; }
        #else
        #define WIDTH 32
        static inline int pick(void) { return 2; }
        #endif

        #if VA_BITS == 48
        static inline int va(void) { return 48; }
        #endif

        struct s { int a; };
        extern int declared_only(int);
        int
        two(struct s *p)
        {
            if (p) {
                return p->a;
            }
            return 0;
        }
        #endif
        """;

    private static IReadOnlyList<CDefinition> Scan() => CExtractor.Scan(Source.Replace("\r\n", "\n", StringComparison.Ordinal), "x.h");

    [Fact]
    public void Functions_are_found_with_their_whole_body_and_header_line_despite_braces_in_comments_strings_and_chars()
    {
        var one = Scan().Single(d => d.Name == "one");
        Assert.Equal(CDefinitionKind.Function, one.Kind);
        Assert.StartsWith("static inline int one(int x)", one.Text, StringComparison.Ordinal);
        Assert.EndsWith("return x + (c == '}');\n}", one.Text, StringComparison.Ordinal);
        Assert.Equal(10, one.Line);
        Assert.Equal("static inline int one(int x);", one.Prototype);

        var two = Scan().Single(d => d.Name == "two");
        Assert.StartsWith("int\ntwo(struct s *p)", two.Text, StringComparison.Ordinal);
        Assert.EndsWith("return 0;\n}", two.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Declarations_structs_comments_and_self_defining_markers_are_not_definitions()
    {
        var names = Scan().Select(d => d.Name).ToHashSet();
        Assert.DoesNotContain("nope", names);
        Assert.DoesNotContain("declared_only", names);
        Assert.DoesNotContain("self_marker", names);
        Assert.DoesNotContain("s", names);
    }

    [Fact]
    public void Macros_keep_their_continuation_lines()
    {
        var m = Scan().Single(d => d.Name == "LONG_MACRO");
        Assert.Equal(CDefinitionKind.Macro, m.Kind);
        Assert.Equal("#define LONG_MACRO(a, b) \\\n    ((a) + \\\n     (b))", m.Text);
    }

    [Theory]
    [InlineData(true, "WIDTH", "#define WIDTH 64")]
    [InlineData(false, "WIDTH", "#define WIDTH 32")]
    [InlineData(true, "pick", "static inline int pick(void) { return 1; }")]
    [InlineData(false, "pick", "static inline int pick(void) { return 2; }")]
    public void The_branch_the_configuration_selects_is_the_one_whose_conditions_hold(bool wide, string name, string expected)
    {
        var eval = new ConditionEvaluator(new Dictionary<string, long> { ["CONFIG_WIDE"] = wide ? 1 : 0 });
        var chosen = Scan().Where(d => d.Name == name).Single(d => eval.All(d.Conditions) == true);
        Assert.Equal(expected, chosen.Text);
    }

    [Theory]
    [InlineData("defined(CONFIG_A) && !defined(CONFIG_B)", true)]
    [InlineData("IS_ENABLED(CONFIG_B) || CONFIG_LEVELS > 3", true)]
    [InlineData("CONFIG_LEVELS <= 3", false)]
    [InlineData("!defined(__SOME_GUARD_H)", true)]
    [InlineData("defined(CONFIG_UNKNOWN)", null)]
    [InlineData("VA_BITS == VA_BITS_MIN", null)]
    [InlineData("defined(CONFIG_UNKNOWN) && defined(CONFIG_B)", false)]
    [InlineData("defined(CONFIG_UNKNOWN) || defined(CONFIG_A)", true)]
    public void Conditions_evaluate_three_valued(string expression, bool? expected)
    {
        var eval = new ConditionEvaluator(new Dictionary<string, long> { ["CONFIG_A"] = 1, ["CONFIG_B"] = 0, ["CONFIG_LEVELS"] = 4 });
        Assert.Equal(expected, eval.Evaluate(expression));
    }

    [Fact]
    public void The_va_function_under_an_unknown_condition_is_a_maybe()
    {
        var eval = new ConditionEvaluator(new Dictionary<string, long>());
        Assert.Null(eval.All(Scan().Single(d => d.Name == "va").Conditions));
    }
}
