using System.Text;

namespace ArchPgtable.Native.Extraction;

/// <summary>
/// A small C-aware scanner that lists the top-level definitions of a file: functions with bodies
/// (comments, strings and character literals skipped, braces balanced) and <c>#define</c> macros
/// (with line continuations), each with the <c>#if</c>/<c>#ifdef</c>/<c>#elif</c>/<c>#else</c>
/// conditions it sits under. It does not preprocess: definitions are taken verbatim.
/// </summary>
public static class CExtractor
{
    private static readonly HashSet<string> NotNames = ["__attribute__", "__aligned", "__section", "__printf", "__must_check", "__cold"];

    /// <summary>Lists the definitions of <paramref name="text"/>, the contents of <paramref name="file"/>.</summary>
    public static IReadOnlyList<CDefinition> Scan(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<CDefinition>();
        var frames = new List<Frame>();
        var depth = 0;
        var line = 1;
        var lineStart = true;
        int chunkFirst = -1, chunkLine = 0;
        IReadOnlyList<string> chunkConditions = [];
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = true;
                i++;
                continue;
            }

            if (c is ' ' or '\t' or '\r' or '\f' or '\v')
            {
                i++;
                continue;
            }

            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                end = end < 0 ? text.Length : end + 2;
                line += Count(text, i, end, '\n');
                i = end;
                continue;
            }

            if (c == '#' && lineStart)
            {
                var start = i;
                var startLine = line;
                var end = LogicalLineEnd(text, i);
                line += Count(text, i, end, '\n');
                i = end;
                if (depth == 0)
                {
                    var directive = StripComments(text[start..end]).Replace("\\\n", " ", StringComparison.Ordinal).Trim();
                    Directive(directive, text[start..end], file, startLine, frames, result);
                    chunkFirst = -1;
                }

                continue;
            }

            lineStart = false;
            if (depth == 0 && chunkFirst < 0)
            {
                chunkFirst = i;
                chunkLine = line;
                chunkConditions = Conditions(frames);
            }

            switch (c)
            {
                case '"' or '\'':
                    i = SkipLiteral(text, i, c);
                    continue;
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    if (depth == 0 && chunkFirst >= 0)
                    {
                        AddFunction(text[chunkFirst..(i + 1)], file, chunkLine, chunkConditions, result);
                        chunkFirst = -1;
                    }

                    break;
                case ';' when depth == 0:
                    chunkFirst = -1;
                    break;
            }

            i++;
        }

        return result;
    }

    private static void AddFunction(string chunk, string file, int line, IReadOnlyList<string> conditions, List<CDefinition> result)
    {
        var brace = IndexOutsideParens(chunk, '{');
        if (brace < 0)
        {
            return;
        }

        var header = StripComments(chunk[..brace]).TrimEnd();
        if (!header.EndsWith(')') || IndexOutsideParens(header, '=') >= 0)
        {
            return;
        }

        var name = FunctionName(header);
        if (name is not null)
        {
            result.Add(new CDefinition(name, CDefinitionKind.Function, file, line, chunk, header + ";", conditions));
        }
    }

    private static string? FunctionName(string header)
    {
        var parenDepth = 0;
        for (var i = 0; i < header.Length; i++)
        {
            var c = header[i];
            if (c == '(')
            {
                if (parenDepth == 0)
                {
                    var j = i - 1;
                    while (j >= 0 && char.IsWhiteSpace(header[j]))
                    {
                        j--;
                    }

                    var endName = j + 1;
                    while (j >= 0 && (char.IsLetterOrDigit(header[j]) || header[j] == '_'))
                    {
                        j--;
                    }

                    var name = header[(j + 1)..endName];
                    if (name.Length > 0 && !NotNames.Contains(name))
                    {
                        return name;
                    }
                }

                parenDepth++;
            }
            else if (c == ')')
            {
                parenDepth--;
            }
        }

        return null;
    }

    private static void Directive(string directive, string raw, string file, int line, List<Frame> frames, List<CDefinition> result)
    {
        var body = directive[1..].TrimStart();
        var word = body.Split([' ', '\t', '('], 2)[0];
        var rest = body[word.Length..].Trim();
        switch (word)
        {
            case "define":
                var name = new string([.. rest.TakeWhile(ch => char.IsLetterOrDigit(ch) || ch == '_')]);
                var value = rest[name.Length..].Trim();
                if (name.Length > 0 && value != name)
                {
                    result.Add(new CDefinition(name, CDefinitionKind.Macro, file, line, raw.TrimEnd('\n', '\r'), null, Conditions(frames)));
                }

                break;
            case "if":
                frames.Add(new Frame(rest));
                break;
            case "ifdef":
                frames.Add(new Frame($"defined({rest})"));
                break;
            case "ifndef":
                frames.Add(new Frame($"!defined({rest})"));
                break;
            case "elif" when frames.Count > 0:
                frames[^1].Next(rest);
                break;
            case "else" when frames.Count > 0:
                frames[^1].Next(null);
                break;
            case "endif" when frames.Count > 0:
                frames.RemoveAt(frames.Count - 1);
                break;
        }
    }

    private static List<string> Conditions(List<Frame> frames)
    {
        var list = new List<string>();
        foreach (var f in frames)
        {
            list.AddRange(f.Prior.Select(p => $"!({p})"));
            if (f.Current is { } cur)
            {
                list.Add(cur);
            }
        }

        return list;
    }

    private static int LogicalLineEnd(string text, int i)
    {
        while (i < text.Length)
        {
            if (text[i] == '\n' && (i == 0 || text[i - 1] != '\\') && !(i >= 2 && text[i - 1] == '\r' && text[i - 2] == '\\'))
            {
                return i;
            }

            i++;
        }

        return i;
    }

    private static int SkipLiteral(string text, int i, char quote)
    {
        i++;
        while (i < text.Length && text[i] != quote && text[i] != '\n')
        {
            i += text[i] == '\\' ? 2 : 1;
        }

        return Math.Min(i + 1, text.Length);
    }

    private static int IndexOutsideParens(string s, char target)
    {
        var depth = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (c == target && depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static string StripComments(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '/' && i + 1 < s.Length && s[i + 1] == '*')
            {
                var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? s.Length : end + 1;
                sb.Append(' ');
            }
            else if (s[i] == '/' && i + 1 < s.Length && s[i + 1] == '/')
            {
                while (i < s.Length && s[i] != '\n')
                {
                    i++;
                }

                sb.Append('\n');
            }
            else
            {
                sb.Append(s[i]);
            }
        }

        return sb.ToString();
    }

    private static int Count(string s, int from, int to, char c)
    {
        var n = 0;
        for (var i = from; i < to; i++)
        {
            if (s[i] == c)
            {
                n++;
            }
        }

        return n;
    }

    private sealed class Frame(string first)
    {
        public List<string> Prior { get; } = [];

        public string? Current { get; private set; } = first;

        public void Next(string? condition)
        {
            if (Current is not null)
            {
                Prior.Add(Current);
            }

            Current = condition;
        }
    }
}
