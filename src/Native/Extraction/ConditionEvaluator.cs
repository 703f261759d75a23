using System.Globalization;

namespace ArchPgtable.Native.Extraction;

/// <summary>
/// Evaluates <c>#if</c> expressions against a build's symbols, three-valued: true, false, or
/// unknown (null) when the expression depends on something the build does not know: a
/// <c>CONFIG_*</c> symbol not in the set, or the value of another macro such as <c>VA_BITS</c>.
/// A symbol in the set with value 0 is "not set". <c>defined(X)</c> of a non-CONFIG name not in
/// the set is false (include guards and <c>__HAVE_ARCH_*</c> tests pass).
/// Supports <c>defined</c>, <c>IS_ENABLED()</c>, <c>! &amp;&amp; || == != &lt; &gt; &lt;= &gt;=</c>, integers and parentheses.
/// </summary>
public sealed class ConditionEvaluator(IReadOnlyDictionary<string, long> symbols)
{
    /// <summary>Whether every one of <paramref name="conditions"/> holds: false if one is false, null if none is false but one is unknown.</summary>
    public bool? All(IEnumerable<string> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        bool? result = true;
        foreach (var c in conditions)
        {
            var v = Evaluate(c);
            if (v == false)
            {
                return false;
            }

            if (v is null)
            {
                result = null;
            }
        }

        return result;
    }

    /// <summary>Evaluates one expression; null when unknown.</summary>
    public bool? Evaluate(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var parser = new Parser(Tokenize(expression), symbols);
        try
        {
            var v = parser.Or();
            return parser.AtEnd ? (v is null ? null : v != 0) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static List<string> Tokenize(string s)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsLetterOrDigit(c) || c == '_')
            {
                var start = i;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_'))
                {
                    i++;
                }

                tokens.Add(s[start..i]);
            }
            else if (i + 1 < s.Length && s.Substring(i, 2) is "&&" or "||" or "==" or "!=" or "<=" or ">=")
            {
                tokens.Add(s.Substring(i, 2));
                i += 2;
            }
            else
            {
                tokens.Add(c.ToString());
                i++;
            }
        }

        return tokens;
    }

    private sealed class Parser(List<string> tokens, IReadOnlyDictionary<string, long> symbols)
    {
        private int _pos;

        public bool AtEnd => _pos == tokens.Count;

        private string? Peek => _pos < tokens.Count ? tokens[_pos] : null;

        public long? Or()
        {
            var left = And();
            while (Peek == "||")
            {
                _pos++;
                var right = And();
                left = left is not null && left != 0 || right is not null && right != 0 ? 1
                    : left is null || right is null ? null : 0;
            }

            return left;
        }

        private long? And()
        {
            var left = Compare();
            while (Peek == "&&")
            {
                _pos++;
                var right = Compare();
                left = left == 0 || right == 0 ? 0 : left is null || right is null ? null : 1;
            }

            return left;
        }

        private long? Compare()
        {
            var left = Unary();
            while (Peek is "==" or "!=" or "<" or ">" or "<=" or ">=")
            {
                var op = tokens[_pos++];
                var right = Unary();
                left = left is null || right is null ? null : op switch
                {
                    "==" => left == right ? 1 : 0,
                    "!=" => left != right ? 1 : 0,
                    "<" => left < right ? 1 : 0,
                    ">" => left > right ? 1 : 0,
                    "<=" => left <= right ? 1 : 0,
                    _ => left >= right ? 1 : 0,
                };
            }

            return left;
        }

        private long? Unary()
        {
            if (Peek == "!")
            {
                _pos++;
                var v = Unary();
                return v is null ? null : v == 0 ? 1 : 0;
            }

            return Primary();
        }

        private long? Primary()
        {
            var t = Peek ?? throw new FormatException("unexpected end");
            _pos++;
            if (t == "(")
            {
                var v = Or();
                Expect(")");
                return v;
            }

            if (t is "defined" or "IS_ENABLED" or "IS_BUILTIN")
            {
                var paren = Peek == "(";
                if (paren)
                {
                    _pos++;
                }

                var name = Peek ?? throw new FormatException("defined()");
                _pos++;
                if (paren)
                {
                    Expect(")");
                }

                return symbols.TryGetValue(name, out var set) ? (set != 0 ? 1 : 0)
                    : name.StartsWith("CONFIG_", StringComparison.Ordinal) ? null : 0;
            }

            if (char.IsDigit(t[0]))
            {
                var digits = t.TrimEnd('U', 'L', 'u', 'l');
                return digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                    ? long.Parse(digits[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                    : long.Parse(digits, CultureInfo.InvariantCulture);
            }

            if (symbols.TryGetValue(t, out var value))
            {
                return value;
            }

            if (Peek == "(")
            {
                throw new FormatException("function-like macro");
            }

            return null;
        }

        private void Expect(string token)
        {
            if (Peek != token)
            {
                throw new FormatException(token);
            }

            _pos++;
        }
    }
}
