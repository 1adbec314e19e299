using System.Globalization;
using System.Text;
using CsvHelper;
using ExpansionScoring.Cli.Output;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ExpansionScoring.Cli.Tests.Output;

/// <summary>
/// <see cref="CsvUtf8Buffer"/> writes the bytes the CSV library writes with the same options, for every kind of
/// field: text (as UTF-16 and as UTF-8, with quotes, separators, line breaks, formula starts, non-ASCII and lone
/// surrogates), numbers under the tool's cultures, fields encoded once, numbers written in place and empty fields.
/// The oracle is <see cref="CsvWriter"/> with the library's own formula protection.
/// </summary>
public sealed class CsvUtf8BufferTests
{
    private static readonly string[] Pieces = ["a", "Acme", " ", ",", ";", "\"", "\r", "\n", "\r\n", "\t", "=", "+", "-", "@", "'", "ü", "€", "😀", "\uD800", "\uDC00", "1", "2.5", "\u00A0", "\0"];

    /// <summary>The options the tool writes CSV with: the default, and <c>--excel</c> under three cultures.</summary>
    private static readonly CsvWriterOptions[] AllOptions =
    [
        CsvOutput.Options,
        CsvOutput.ForExcel(CultureInfo.GetCultureInfo("de-DE")),
        CsvOutput.ForExcel(CultureInfo.GetCultureInfo("fr-FR")),
        CsvOutput.ForExcel(CultureInfo.GetCultureInfo("en-US")),
        CsvOutput.Options with { Separator = '.' }, // a separator numbers hold: every number is looked at
    ];

    public enum Kind
    {
        Text,
        Utf8Text,
        Encoded,
        Double,
        Int,
        NumberInPlace,
        Empty,
    }

    public sealed record Field(Kind Kind, string Text, double Number, int Whole)
    {
        public override string ToString() => $"{Kind}: {(Kind is Kind.Double or Kind.NumberInPlace ? Number.ToString("R", CultureInfo.InvariantCulture) : Kind == Kind.Int ? Whole.ToString(CultureInfo.InvariantCulture) : Text.Replace("\n", "\\n", StringComparison.Ordinal))}";
    }

    [Property(MaxTest = 1500, Arbitrary = [typeof(Arbitraries)])]
    public void Records_AreTheCsvLibrarysBytes(Field[][] records, byte optionsIndex)
    {
        var options = AllOptions[optionsIndex % AllOptions.Length];
        var buffer = new CsvUtf8Buffer(options, capacity: 16); // small, so it grows mid-record
        var expected = new MemoryStream();
        using (var csv = CsvWriter.Create(expected, options with { ValidateFieldCount = false }, leaveOpen: true))
        {
            foreach (var record in records)
            {
                foreach (var field in record)
                {
                    WriteBoth(field, buffer, csv, options);
                }

                buffer.EndRecord();
                csv.EndRecord();
            }
        }

        Assert.Equal(Encoding.UTF8.GetString(expected.ToArray()), Encoding.UTF8.GetString(buffer.Written));
        Assert.Equal(expected.ToArray(), buffer.Written.ToArray());
    }

    [Fact]
    public void Clear_ForgetsWhatWasWritten_AndStartsARecord()
    {
        var buffer = new CsvUtf8Buffer(CsvOutput.Options);
        buffer.Text("a");
        buffer.Text("b");
        buffer.Clear();
        buffer.Text("c");
        buffer.Number(1.5);
        buffer.EndRecord();
        Assert.Equal("c,1.5\n", Encoding.UTF8.GetString(buffer.Written));
    }

    [Fact]
    public void NumberRoom_NotWritten_LeavesNothing()
    {
        var buffer = new CsvUtf8Buffer(CsvOutput.Options);
        buffer.Text("a");
        "99"u8.CopyTo(buffer.NumberRoom(8));
        buffer.EndRecord();
        Assert.Equal("a\n", Encoding.UTF8.GetString(buffer.Written));
    }

    [Fact]
    public void OneEmptyField_IsWrittenInQuotes_NotAsABlankLine()
    {
        var buffer = new CsvUtf8Buffer(CsvOutput.Options);
        buffer.Empty();
        buffer.EndRecord();
        buffer.Empty();
        buffer.Empty();
        buffer.EndRecord();
        Assert.Equal("\"\"\n,\n", Encoding.UTF8.GetString(buffer.Written));
    }

    [Theory]
    [InlineData("=SUM(A1)", "\"'=SUM(A1)\"")]
    [InlineData("-5 apples", "\"'-5 apples\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("@\"x\"", "\"'@\"\"x\"\"\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("Müller", "Müller")]
    public void Text_Examples(string text, string expected)
    {
        var buffer = new CsvUtf8Buffer(CsvOutput.Options);
        buffer.Text(text);
        Assert.Equal(expected, Encoding.UTF8.GetString(buffer.Written));
        var utf8 = new CsvUtf8Buffer(CsvOutput.Options);
        utf8.Text(Encoding.UTF8.GetBytes(text).AsSpan());
        Assert.Equal(expected, Encoding.UTF8.GetString(utf8.Written));
        Assert.Equal(expected, Encoding.UTF8.GetString(new CsvUtf8Buffer(CsvOutput.Options).Encode(text)));
    }

    [Fact]
    public void Options_ItCannotWrite_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new CsvUtf8Buffer(CsvOutput.Options with { Quoting = CsvQuoting.Always }));
        Assert.Throws<ArgumentException>(() => new CsvUtf8Buffer(CsvOutput.Options with { Separator = '§' }));
    }

    private static void WriteBoth(Field field, CsvUtf8Buffer buffer, CsvWriter csv, CsvWriterOptions options)
    {
        switch (field.Kind)
        {
            case Kind.Text:
                buffer.Text(field.Text);
                csv.WriteField(field.Text);
                break;
            case Kind.Utf8Text:
                // UTF-8 as a book gives it: valid, and with no NUL (the tool replaces those first).
                string valid = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(field.Text)).Replace('\0', '\uFFFD');
                buffer.Text(Encoding.UTF8.GetBytes(valid).AsSpan());
                csv.WriteField(valid);
                break;
            case Kind.Encoded:
                buffer.Field(buffer.Encode(field.Text));
                csv.WriteField(field.Text);
                break;
            case Kind.Double:
                buffer.Number(field.Number);
                csv.WriteField(field.Number, default);
                break;
            case Kind.Int:
                buffer.Number(field.Whole);
                csv.WriteField(field.Whole, default);
                break;
            case Kind.NumberInPlace:
                var room = buffer.NumberRoom(64);
                field.Number.TryFormat(room, out int n, default, options.FormatProvider ?? CultureInfo.InvariantCulture);
                buffer.NumberWritten(n);
                csv.WriteField(field.Number, default);
                break;
            default:
                buffer.Empty();
                csv.WriteField((string?)null);
                break;
        }
    }

    public static class Arbitraries
    {
        public static Arbitrary<Field[][]> Records()
        {
            var text = Gen.ListOf(Gen.Elements(Pieces)).Select(parts => string.Concat(parts));
            var number = Gen.OneOf(
                Gen.Choose(-10_000, 10_000).Select(k => k / 100.0),
                Gen.Choose(0, int.MaxValue).Select(k => k * 1e7),
                ArbMap.Default.GeneratorFor<double>());
            var field =
                from kind in Gen.Elements(Enum.GetValues<Kind>())
                from t in text
                from x in number
                from w in ArbMap.Default.GeneratorFor<int>()
                select new Field(kind, t, x, w);
            var record = Gen.Choose(1, 6).SelectMany(n => Gen.ArrayOf(field, n));
            return Gen.Choose(1, 5).SelectMany(n => Gen.ArrayOf(record, n)).ToArbitrary();
        }
    }
}
