using System.Xml.Linq;

namespace ArchPgtable.Host.Tests.Support;

/// <summary>An SVG file parsed as XML, with the elements the picture tests look for.</summary>
internal sealed class SvgDocument(XDocument doc)
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static SvgDocument Load(string path) => new(XDocument.Load(path));

    public XElement Root => doc.Root!;

    public IReadOnlyList<XElement> WithClass(string element, string cls) =>
        [.. doc.Descendants(Svg + element).Where(e => (string?)e.Attribute("class") == cls)];

    /// <summary>Each panel's full title (its tooltip; the visible title wraps).</summary>
    public IReadOnlyList<string> PanelTitles => [.. WithClass("g", "panel").Select(g => g.Element(Svg + "title")!.Value)];

    public XElement? Legend => doc.Descendants(Svg + "g").SingleOrDefault(e => (string?)e.Attribute("id") == "legend");
}
