namespace SimGan.Evaluation.Report;

/// <summary>
/// Escapes text for HTML and SVG. Only the markup characters: WebUtility.HtmlEncode also turns every non-ASCII
/// character (×, ±, °) into a numeric entity, which makes the page source hard to read.
/// </summary>
public static class Html
{
    public static string Escape(string text) => text
        .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");
}
