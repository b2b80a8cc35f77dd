using System.Text;

namespace Formation.Application.Reports;

/// <summary>A font face that renders Chinese and Latin text, ready for PDFsharp.</summary>
/// <param name="Path">The file it was read from.</param>
/// <param name="FaceIndex">The face within a collection (.ttc); 0 for a single font.</param>
/// <param name="Data">The face as a standalone TrueType font.</param>
public sealed record CjkFont(string Path, int FaceIndex, byte[] Data);

/// <summary>
/// Finds the font the PDF reports are set in: the first file of a list that holds a face with TrueType
/// outlines covering both Chinese and Latin text. PDFs embed a subset of it, so readers need no fonts.
/// Why WenQuanYi Micro Hei and not the Noto CJK fonts: docs/decisions/0008-pdf-fonts.md.
/// </summary>
public sealed class CjkFontLocator
{
    /// <summary>The Debian/Ubuntu package that provides the first default font.</summary>
    public const string DebianPackage = "fonts-wqy-microhei";

    /// <summary>Where the usual suitable fonts are installed, tried after any configured paths.</summary>
    public static IReadOnlyList<string> DefaultPaths { get; } =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  // Debian/Ubuntu fonts-wqy-microhei
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",    // Debian/Ubuntu fonts-wqy-zenhei
        "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",  // Fedora wqy-microhei-fonts
        "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
        @"C:\Windows\Fonts\msyh.ttc",                       // Microsoft YaHei
        @"C:\Windows\Fonts\simhei.ttf",
    ];

    // A Latin letter and common ideographs of the reports: a CJK-only fallback font (Droid Sans
    // Fallback) would draw English as boxes, a Latin-only one Chinese.
    private static readonly int[] s_requiredCharacters = ['A', 'z', '0', '中', '网', '营'];

    /// <summary>Searches <paramref name="paths"/> (files, in order) and then, unless told not to, <see cref="DefaultPaths"/>.</summary>
    public CjkFontLocator(IEnumerable<string>? paths = null, bool includeDefaults = true)
    {
        Paths = (paths ?? [])
            .Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => p.Trim())
            .Concat(includeDefaults ? DefaultPaths : [])
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The files tried, in order.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>The first suitable face.</summary>
    /// <exception cref="InvalidOperationException">No path holds one; the message says why each was passed over and what to install.</exception>
    public CjkFont Locate()
    {
        var reasons = new List<string>();
        foreach (var path in Paths)
        {
            if (TryRead(path, out var font, out var reason))
            {
                return font;
            }

            reasons.Add($"  {path}: {reason}");
        }

        var message = new StringBuilder()
            .Append("No font for Chinese text in PDF reports was found. Install one: on Debian or Ubuntu ")
            .Append($"`apt-get install {DebianPackage}`; or configure the path of a TrueType font (.ttf, or .ttc with TrueType outlines) ")
            .Append("that covers Chinese and Latin text. OpenType/CFF fonts such as Noto Sans CJK do not work with PDFsharp. Tried:\n")
            .AppendJoin('\n', reasons)
            .ToString();
        throw new InvalidOperationException(message);
    }

    private static bool TryRead(string path, out CjkFont font, out string reason)
    {
        font = null!;
        if (!File.Exists(path))
        {
            reason = "not found";
            return false;
        }

        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = "cannot be read: " + e.Message;
            return false;
        }

        try
        {
            var faces = FontFile.FaceCount(file);
            reason = "no face";
            for (var index = 0; index < faces; index++)
            {
                var face = FontFile.ExtractFace(file, index);
                if (FontFile.HasCffOutlines(face))
                {
                    reason = "OpenType with CFF outlines, which PDFsharp cannot subset (it would embed the whole font, mislabelled)";
                    continue;
                }

                if (!FontFile.HasTrueTypeOutlines(face))
                {
                    reason = "not a TrueType font";
                    continue;
                }

                var missing = s_requiredCharacters.Where(c => !FontFile.MapsCharacter(face, c)).ToList();
                if (missing.Count > 0)
                {
                    reason = "has no glyph for " + string.Join(" ", missing.Select(char.ConvertFromUtf32));
                    continue;
                }

                font = new CjkFont(path, index, face);
                return true;
            }

            return false;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            reason = "not a valid font file";
            return false;
        }
    }
}
