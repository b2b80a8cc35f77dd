using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Fonts;

namespace Formation.Application.Reports;

/// <summary>Settings of the PDF reports (configuration section <c>Pdf</c>).</summary>
public sealed class PdfOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Pdf";

    /// <summary>Font files to try before <see cref="CjkFontLocator.DefaultPaths"/>.</summary>
    public IList<string> FontPaths { get; } = [];

    /// <summary>A commercial PDFsharp licence key; without one PDFsharp runs under its AGPL licence (docs/decisions/0008-pdf-fonts.md).</summary>
    public string? PdfSharpLicenseKey { get; set; }
}

/// <summary>
/// PDFsharp's licence and font resolver are process-wide, and the resolver may be set only once, before
/// the first text is drawn; so both are set here, once, under a lock, for every PDF report.
/// </summary>
public static class PdfSetup
{
    /// <summary>The family name the report layouts ask for; every family resolves to the one CJK face.</summary>
    internal const string FontFamily = "Formation CJK";

    private static readonly Lock s_lock = new();
    private static CjkFont? s_font;

    /// <summary>The face in use, or null before the first PDF or <see cref="Configure"/>.</summary>
    public static CjkFont? Font => Volatile.Read(ref s_font);

    /// <summary>
    /// Loads the PDFsharp licence and sets the font of all PDF reports to the first suitable face found
    /// in <see cref="PdfOptions.FontPaths"/> and then <see cref="CjkFontLocator.DefaultPaths"/>. Call it at
    /// start-up, before the first PDF; without it the first PDF uses the defaults. Calling it again is
    /// allowed only if it finds the same face.
    /// </summary>
    /// <exception cref="InvalidOperationException">No suitable font, or a different one is already in use.</exception>
    public static CjkFont Configure(PdfOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        lock (s_lock)
        {
            var font = new CjkFontLocator(options.FontPaths).Locate();
            if (s_font is { } current)
            {
                return current.Path == font.Path && current.FaceIndex == font.FaceIndex
                    ? current
                    : throw new InvalidOperationException(
                        $"PDF reports already use the font {current.Path} (face {current.FaceIndex}); PDFsharp cannot change it. Configure the font once, at start-up.");
            }

            // PDFsharp 6.5 throws on its first document until a licence is loaded.
            if (string.IsNullOrWhiteSpace(options.PdfSharpLicenseKey))
            {
                PdfSharpLicense.SetAgplLicense();
            }
            else
            {
                PdfSharpLicense.LoadLicense(options.PdfSharpLicenseKey);
            }

            GlobalFontSettings.FontResolver = new Resolver(font);
            Volatile.Write(ref s_font, font);
            return font;
        }
    }

    /// <summary>Configures the defaults unless <see cref="Configure"/> ran already.</summary>
    internal static void EnsureConfigured()
    {
        if (Font is null)
        {
            Configure(new PdfOptions());
        }
    }

    private sealed class Resolver(CjkFont font) : IFontResolver
    {
        private const string FaceName = "formation-cjk";

        // The fonts that cover Chinese have no bold or italic faces worth requiring; PDFsharp simulates them.
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(FaceName, (bold, italic) switch
        {
            (true, true) => XStyleSimulations.BoldItalicSimulation,
            (true, false) => XStyleSimulations.BoldSimulation,
            (false, true) => XStyleSimulations.ItalicSimulation,
            _ => XStyleSimulations.None,
        });

        public byte[]? GetFont(string faceName) => font.Data;
    }
}
