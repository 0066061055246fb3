using System.Buffers.Binary;
using System.Text;

namespace Autograder.Reports.Documents;

/// <summary>
/// Cuts a TrueType font down to the characters one document uses: their glyphs (and the parts of composite
/// glyphs) renumbered from 1, with a new character map and the same advance widths, so text drawn with the cut
/// font measures and extracts as with the whole one. This Skia build has no subsetter: it would embed the whole
/// font (about 750 KB for DejaVu Sans) in every PDF, or, as a Type 3 font, pay for every distinct glyph.
/// </summary>
internal static class TrueTypeSubset
{
    // Tables copied as they are; the ones rebuilt are added below. Layout tables (GSUB, GPOS, kern) are dropped:
    // text is drawn glyph by glyph.
    private static readonly string[] Copied = ["OS/2", "cvt ", "fpgm", "name", "prep"];

    /// <summary>The cut font, or null when <paramref name="font"/> is not a TrueType font with glyf outlines.</summary>
    /// <param name="glyphOf">The glyph id of each character to keep, in the whole font.</param>
    public static byte[]? Subset(byte[] font, IReadOnlyDictionary<int, ushort> glyphOf)
    {
        try
        {
            return Cut(font, glyphOf);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or KeyNotFoundException)
        {
            return null;
        }
    }

    private static byte[]? Cut(byte[] font, IReadOnlyDictionary<int, ushort> glyphOf)
    {
        if (font.Length < 12 || BinaryPrimitives.ReadUInt32BigEndian(font) != 0x00010000) return null;
        var tables = new Dictionary<string, (int Offset, int Length)>(StringComparer.Ordinal);
        var count = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        for (var i = 0; i < count; i++)
        {
            var record = font.AsSpan(12 + (16 * i), 16);
            tables[Encoding.ASCII.GetString(record[..4])] = ((int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]), (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]));
        }
        foreach (var required in new[] { "glyf", "loca", "head", "maxp", "hhea", "hmtx" })
        {
            if (!tables.ContainsKey(required)) return null;
        }
        var (glyfAt, _) = tables["glyf"];
        var (locaAt, _) = tables["loca"];
        var (hmtxAt, _) = tables["hmtx"];
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(tables["head"].Offset + 50)) == 1;
        var glyphCount = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(tables["maxp"].Offset + 4));
        var metricsCount = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(tables["hhea"].Offset + 34));
        int Start(int g) => longLoca
            ? (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(locaAt + (4 * g)))
            : 2 * BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(locaAt + (2 * g)));
        ReadOnlySpan<byte> Glyph(int g) => font.AsSpan(glyfAt + Start(g), Math.Max(0, Start(g + 1) - Start(g)));

        // New ids: .notdef first, then the glyphs asked for and their components, in the order met.
        var newId = new Dictionary<int, int> { [0] = 0 };
        var order = new List<int> { 0 };
        var queue = new Queue<int>(glyphOf.Values.Select(g => (int)g).Where(g => g < glyphCount).Distinct().Order());
        while (queue.Count > 0)
        {
            var g = queue.Dequeue();
            if (!newId.TryAdd(g, order.Count)) continue;
            order.Add(g);
            foreach (var (_, component) in Components(Glyph(g)))
            {
                if (component < glyphCount && !newId.ContainsKey(component)) queue.Enqueue(component);
            }
        }

        using var glyf = new MemoryStream();
        var loca = new byte[4 * (order.Count + 1)];
        var hmtx = new byte[4 * order.Count];
        for (var n = 0; n < order.Count; n++)
        {
            var g = order[n];
            BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * n), (uint)glyf.Length);
            var data = Glyph(g).ToArray();
            foreach (var (at, component) in Components(data))
                BinaryPrimitives.WriteUInt16BigEndian(data.AsSpan(at), (ushort)newId[component]);
            glyf.Write(data);
            while (glyf.Length % 4 != 0) glyf.WriteByte(0);
            var advance = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(hmtxAt + (4 * Math.Min(g, metricsCount - 1))));
            var bearing = g < metricsCount
                ? BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(hmtxAt + (4 * g) + 2))
                : BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(hmtxAt + (4 * metricsCount) + (2 * (g - metricsCount))));
            BinaryPrimitives.WriteUInt16BigEndian(hmtx.AsSpan(4 * n), advance);
            BinaryPrimitives.WriteInt16BigEndian(hmtx.AsSpan((4 * n) + 2), bearing);
        }
        BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(4 * order.Count), (uint)glyf.Length);

        byte[] Copy(string tag) => font.AsSpan(tables[tag].Offset, tables[tag].Length).ToArray();
        var head = Copy("head");
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0);
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1);
        var hhea = Copy("hhea");
        BinaryPrimitives.WriteUInt16BigEndian(hhea.AsSpan(34), (ushort)order.Count);
        var maxp = Copy("maxp");
        BinaryPrimitives.WriteUInt16BigEndian(maxp.AsSpan(4), (ushort)order.Count);
        var post = new byte[32];
        font.AsSpan(tables.TryGetValue("post", out var p) ? p.Offset : 0, tables.ContainsKey("post") ? 32 : 0).CopyTo(post);
        BinaryPrimitives.WriteUInt32BigEndian(post, 0x00030000);

        var output = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["cmap"] = CharacterMap(glyphOf.Where(kv => newId.ContainsKey(kv.Value)).ToDictionary(kv => kv.Key, kv => newId[kv.Value])),
            ["glyf"] = glyf.ToArray(),
            ["head"] = head,
            ["hhea"] = hhea,
            ["hmtx"] = hmtx,
            ["loca"] = loca,
            ["maxp"] = maxp,
            ["post"] = post,
        };
        foreach (var tag in Copied.Where(tables.ContainsKey)) output[tag] = Copy(tag);
        return Assemble(output);
    }

    /// <summary>Where a composite glyph names its parts: (offset of the glyph index, the index).</summary>
    private static List<(int At, int Glyph)> Components(ReadOnlySpan<byte> glyph)
    {
        var parts = new List<(int, int)>();
        if (glyph.Length < 10 || BinaryPrimitives.ReadInt16BigEndian(glyph) >= 0) return parts;
        var at = 10;
        while (true)
        {
            var flags = BinaryPrimitives.ReadUInt16BigEndian(glyph[at..]);
            parts.Add((at + 2, BinaryPrimitives.ReadUInt16BigEndian(glyph[(at + 2)..])));
            at += 4 + ((flags & 0x0001) != 0 ? 4 : 2);
            at += (flags & 0x0008) != 0 ? 2 : (flags & 0x0040) != 0 ? 4 : (flags & 0x0080) != 0 ? 8 : 0;
            if ((flags & 0x0020) == 0) return parts;
        }
    }

    /// <summary>A cmap with one Unicode subtable (platform 3, encoding 10, format 12): a group per character.</summary>
    private static byte[] CharacterMap(Dictionary<int, int> glyphOf)
    {
        var characters = glyphOf.Keys.Order().ToList();
        var table = new byte[12 + 16 + (12 * characters.Count)];
        var span = table.AsSpan();
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], 3);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], 10);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], 12);
        var sub = span[12..];
        BinaryPrimitives.WriteUInt16BigEndian(sub, 12);
        BinaryPrimitives.WriteUInt32BigEndian(sub[4..], (uint)sub.Length);
        BinaryPrimitives.WriteUInt32BigEndian(sub[12..], (uint)characters.Count);
        for (var i = 0; i < characters.Count; i++)
        {
            var group = sub[(16 + (12 * i))..];
            BinaryPrimitives.WriteUInt32BigEndian(group, (uint)characters[i]);
            BinaryPrimitives.WriteUInt32BigEndian(group[4..], (uint)characters[i]);
            BinaryPrimitives.WriteUInt32BigEndian(group[8..], (uint)glyphOf[characters[i]]);
        }
        return table;
    }

    private static byte[] Assemble(Dictionary<string, byte[]> tables)
    {
        var tags = tables.Keys.Order(StringComparer.Ordinal).ToList();
        var headerLength = 12 + (16 * tags.Count);
        var font = new byte[headerLength + tags.Sum(t => (tables[t].Length + 3) & ~3)];
        var span = font.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], (ushort)tags.Count);
        var power = 1;
        var log = 0;
        while (power * 2 <= tags.Count)
        {
            power *= 2;
            log++;
        }
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)(power * 16));
        BinaryPrimitives.WriteUInt16BigEndian(span[8..], (ushort)log);
        BinaryPrimitives.WriteUInt16BigEndian(span[10..], (ushort)((tags.Count - power) * 16));
        var offset = headerLength;
        for (var i = 0; i < tags.Count; i++)
        {
            var data = tables[tags[i]];
            var record = span.Slice(12 + (16 * i), 16);
            Encoding.ASCII.GetBytes(tags[i], record);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)data.Length);
            data.CopyTo(span[offset..]);
            offset += (data.Length + 3) & ~3;
        }
        return font;
    }

    private static uint Checksum(byte[] data)
    {
        uint sum = 0;
        for (var i = 0; i < data.Length; i += 4)
        {
            uint word = 0;
            for (var k = 0; k < 4; k++) word = (word << 8) | (i + k < data.Length ? data[i + k] : 0u);
            sum += word;
        }
        return sum;
    }
}
