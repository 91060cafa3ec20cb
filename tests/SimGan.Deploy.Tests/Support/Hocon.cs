using System.Text;

namespace SimGan.Deploy.Tests.Support;

/// <summary>
/// A loose reader of HOCON: it flattens `a { b { c = 1 } }` and `a.b.c = 1` alike into ("a.b.c", "1"), the last
/// assignment winning. Enough to check the few settings the manifests must agree with; arrays, includes,
/// `+=` and object merging through substitutions are skipped rather than understood.
/// </summary>
public static class Hocon
{
    public static Dictionary<string, string> Flatten(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var statement = new StringBuilder();
        int arrayDepth = 0;

        void Flush()
        {
            string s = statement.ToString().Trim();
            statement.Clear();
            if (s.Length == 0 || s.StartsWith("include", StringComparison.Ordinal) || s.Contains("+=")) return;
            int at = SeparatorIndex(s);
            if (at < 0) return;
            string key = Key(s[..at]);
            string value = Unquote(s[(at + 1)..].Trim());
            if (key.Length == 0 || value.StartsWith('[')) return;
            result[Join(stack, key)] = value;
        }

        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '"')
            {
                int end = text.IndexOf('"', i + 1);
                if (end < 0) end = text.Length - 1;
                statement.Append(text, i, end - i + 1);
                i = end;
            }
            else if (c == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                // A substitution, ${path} or ${?path}: part of the value, not an object.
                int end = text.IndexOf('}', i);
                if (end < 0) end = text.Length - 1;
                statement.Append(text, i, end - i + 1);
                i = end;
            }
            else if (c == '#' || (c == '/' && i + 1 < text.Length && text[i + 1] == '/'))
            {
                while (i < text.Length && text[i] != '\n') i++;
                i--;
            }
            else if (c == '[') { arrayDepth++; statement.Append(c); }
            else if (c == ']') { arrayDepth = Math.Max(0, arrayDepth - 1); statement.Append(c); }
            else if (arrayDepth > 0) statement.Append(c);
            else if (c == '{')
            {
                string head = statement.ToString().Trim().TrimEnd('=', ':').Trim();
                statement.Clear();
                stack.Push(Key(head));
            }
            else if (c == '}')
            {
                Flush();
                if (stack.Count > 0) stack.Pop();
            }
            else if (c is '\n' or ',') Flush();
            else statement.Append(c);
        }
        Flush();
        return result;
    }

    static int SeparatorIndex(string s)
    {
        bool quoted = false;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '"') quoted = !quoted;
            else if (!quoted && (s[i] == '=' || s[i] == ':')) return i;
        }
        return -1;
    }

    static string Key(string raw) => string.Join('.', raw.Trim().Split('.').Select(p => Unquote(p.Trim())));

    static string Unquote(string s) => s.Length >= 2 && s[0] == '"' && s[^1] == '"' ? s[1..^1] : s;

    static string Join(Stack<string> stack, string key)
    {
        var parts = stack.Reverse().Where(p => p.Length > 0).ToList();
        parts.Add(key);
        return string.Join('.', parts);
    }
}
