using System.Buffers.Binary;

namespace Formation.Application.Reports;

/// <summary>
/// Reads just enough of a TrueType/OpenType file to choose a face PDFsharp can embed: the faces of a
/// collection (.ttc), whether a face has TrueType (glyf) outlines, and whether it maps a character.
/// PDFsharp 6.5 refuses collections and cannot subset CFF outlines, so a collection member is copied
/// out into a standalone font here (docs/decisions/0008-pdf-fonts.md).
/// </summary>
internal static class FontFile
{
    private const uint CollectionTag = 0x74746366;   // 'ttcf'
    private const uint CffTag = 0x4F54544F;          // 'OTTO': OpenType with CFF (PostScript) outlines
    private const uint TrueTypeTag = 0x00010000;
    private const uint AppleTrueTypeTag = 0x74727565; // 'true'
    private const uint HeadTag = 0x68656164;         // 'head'
    private const uint GlyfTag = 0x676C7966;         // 'glyf'
    private const uint CmapTag = 0x636D6170;         // 'cmap'

    /// <summary>How many faces the file holds: the collection's count, or 1 for a single font.</summary>
    public static int FaceCount(ReadOnlySpan<byte> file) =>
        U32(file, 0) == CollectionTag ? checked((int)U32(file, 8)) : 1;

    /// <summary>The face as a standalone font file: the file itself, or a collection member copied out.</summary>
    public static byte[] ExtractFace(byte[] file, int index)
    {
        if (U32(file, 0) != CollectionTag)
        {
            return file;
        }

        var faceStart = checked((int)U32(file, 12 + (4 * index)));
        int tableCount = U16(file, faceStart + 4);
        var headerLength = 12 + (16 * tableCount);
        var tables = new (uint Tag, uint Checksum, int Offset, int Length)[tableCount];
        var total = headerLength;
        for (var i = 0; i < tableCount; i++)
        {
            var record = faceStart + 12 + (16 * i);
            tables[i] = (U32(file, record), U32(file, record + 4), checked((int)U32(file, record + 8)), checked((int)U32(file, record + 12)));
            total = checked(total + Padded(tables[i].Length));
        }

        var face = new byte[total];
        file.AsSpan(faceStart, 12).CopyTo(face);
        var position = headerLength;
        var headOffset = -1;
        for (var i = 0; i < tableCount; i++)
        {
            var (tag, checksum, offset, length) = tables[i];
            var record = face.AsSpan(12 + (16 * i));
            BinaryPrimitives.WriteUInt32BigEndian(record, tag);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], checksum);
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)position);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)length);
            file.AsSpan(offset, length).CopyTo(face.AsSpan(position));
            if (tag == HeadTag)
            {
                headOffset = position;
            }

            position += Padded(length);
        }

        if (headOffset >= 0)
        {
            // The whole-file checksum changes with the new layout; the spec fixes it in head.checkSumAdjustment.
            BinaryPrimitives.WriteUInt32BigEndian(face.AsSpan(headOffset + 8), 0);
            uint sum = 0;
            for (var i = 0; i + 4 <= face.Length; i += 4)
            {
                sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(face.AsSpan(i)));
            }

            BinaryPrimitives.WriteUInt32BigEndian(face.AsSpan(headOffset + 8), unchecked(0xB1B0AFBA - sum));
        }

        return face;
    }

    /// <summary>True when the face is OpenType with CFF outlines, which PDFsharp embeds whole and mislabelled.</summary>
    public static bool HasCffOutlines(ReadOnlySpan<byte> face) => U32(face, 0) == CffTag;

    /// <summary>True when the face has TrueType (glyf) outlines, which PDFsharp subsets and embeds correctly.</summary>
    public static bool HasTrueTypeOutlines(ReadOnlySpan<byte> face) =>
        U32(face, 0) is TrueTypeTag or AppleTrueTypeTag && FindTable(face, GlyfTag) is not null;

    /// <summary>True when the face's Unicode cmap maps the character to a real glyph (not .notdef).</summary>
    public static bool MapsCharacter(ReadOnlySpan<byte> face, int codePoint)
    {
        if (FindTable(face, CmapTag) is not { } cmap)
        {
            return false;
        }

        var table = face.Slice(cmap.Offset, cmap.Length);
        int count = U16(table, 2);
        for (var i = 0; i < count; i++)
        {
            var record = 4 + (8 * i);
            int platform = U16(table, record);
            int encoding = U16(table, record + 2);
            var unicode = platform == 0 || (platform == 3 && encoding is 1 or 10);
            if (!unicode)
            {
                continue;
            }

            var subtable = table[checked((int)U32(table, record + 4))..];
            var mapped = U16(subtable, 0) switch
            {
                4 => Format4Maps(subtable, codePoint),
                12 => Format12Maps(subtable, codePoint),
                _ => false,
            };
            if (mapped)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Format4Maps(ReadOnlySpan<byte> subtable, int codePoint)
    {
        if (codePoint > 0xFFFF)
        {
            return false;
        }

        var segments = U16(subtable, 6) / 2;
        var ends = 14;
        var starts = ends + (2 * segments) + 2;
        var deltas = starts + (2 * segments);
        var rangeOffsets = deltas + (2 * segments);
        for (var s = 0; s < segments; s++)
        {
            if (U16(subtable, ends + (2 * s)) < codePoint)
            {
                continue;
            }

            int start = U16(subtable, starts + (2 * s));
            if (start > codePoint)
            {
                return false;
            }

            int delta = U16(subtable, deltas + (2 * s));
            int rangeOffset = U16(subtable, rangeOffsets + (2 * s));
            if (rangeOffset == 0)
            {
                return ((codePoint + delta) & 0xFFFF) != 0;
            }

            int glyph = U16(subtable, rangeOffsets + (2 * s) + rangeOffset + (2 * (codePoint - start)));
            return glyph != 0 && ((glyph + delta) & 0xFFFF) != 0;
        }

        return false;
    }

    private static bool Format12Maps(ReadOnlySpan<byte> subtable, int codePoint)
    {
        var groups = U32(subtable, 12);
        for (var g = 0; g < groups; g++)
        {
            var record = 16 + (12 * g);
            var start = U32(subtable, record);
            var end = U32(subtable, record + 4);
            if (codePoint >= start && codePoint <= end)
            {
                return U32(subtable, record + 8) + ((uint)codePoint - start) != 0;
            }
        }

        return false;
    }

    private static (int Offset, int Length)? FindTable(ReadOnlySpan<byte> face, uint tag)
    {
        int count = U16(face, 4);
        for (var i = 0; i < count; i++)
        {
            var record = 12 + (16 * i);
            if (U32(face, record) == tag)
            {
                return (checked((int)U32(face, record + 8)), checked((int)U32(face, record + 12)));
            }
        }

        return null;
    }

    private static int Padded(int length) => (length + 3) & ~3;

    private static uint U32(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt32BigEndian(data.Slice(offset, 4));

    private static ushort U16(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt16BigEndian(data.Slice(offset, 2));
}
