using System.Globalization;
using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace ExpansionScoring.Parquet;

/// <summary>
/// Reads a Parquet book (a warehouse extract) as the text rows a CSV export of it would carry: first the header, the
/// column names, then one row of fields per record, row group after row group. Typed numbers are written in the
/// culture's decimal form with no group separator (so they read back exactly under that culture), dates as ISO dates and
/// booleans as <c>true</c>/<c>false</c>: no culture can change a typed value. Text columns pass through as they are.
/// </summary>
public static class ParquetBook
{
    /// <summary>Reads the header and then every row of <paramref name="parquet"/>; a null value is a null field.</summary>
    /// <param name="parquet">A seekable stream holding a Parquet file; left open.</param>
    /// <param name="culture">The culture whose decimal separator typed numbers are written with.</param>
    /// <param name="cancellationToken">Stops the read between row groups.</param>
    /// <returns>The header first, then one array per row, as many fields as the header.</returns>
    /// <exception cref="InvalidDataException">The stream is not a Parquet file, or a column is nested (a list, map or struct).</exception>
    public static async IAsyncEnumerable<string?[]> ReadRowsAsync(Stream parquet, IFormatProvider culture, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parquet);
        ArgumentNullException.ThrowIfNull(culture);
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(parquet, new ParquetOptions(), leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new InvalidDataException($"not a Parquet file ({ex.Message})", ex);
        }

        await using (reader.ConfigureAwait(false))
        {
            var fields = reader.Schema.Fields;
            var data = new DataField[fields.Count];
            for (int i = 0; i < fields.Count; i++)
            {
                data[i] = fields[i] as DataField is { IsArray: false } field
                    ? field
                    : throw new InvalidDataException($"column '{fields[i].Name}' is nested ({fields[i].SchemaType}); a book has one plain value per column");
            }

            yield return Array.ConvertAll(data, f => (string?)f.Name);
            for (int group = 0; group < reader.RowGroupCount; group++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var rows = reader.OpenRowGroupReader(group);
                var columns = new Array[data.Length];
                for (int c = 0; c < data.Length; c++)
                {
                    columns[c] = await ReadColumnAsync(rows, data[c], cancellationToken).ConfigureAwait(false);
                }

                for (long r = 0; r < rows.RowCount; r++)
                {
                    var row = new string?[data.Length];
                    for (int c = 0; c < data.Length; c++)
                    {
                        row[c] = Text(columns[c].GetValue(r), culture);
                    }

                    yield return row;
                }
            }
        }
    }

    private static async Task<Array> ReadColumnAsync(ParquetRowGroupReader rows, DataField field, CancellationToken cancellationToken)
    {
        int count = checked((int)rows.RowCount);
        if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
        {
            var text = new string?[count];
            await rows.ReadAsync(field, text.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            return text;
        }

        // Each type through the library's generic reader by name: its untyped reader picks the type by reflection
        // (MakeGenericMethod), which a Native AOT build cannot run.
        var t = field.ClrType;
        return t == typeof(double) ? await Typed<double>(rows, field, cancellationToken).ConfigureAwait(false)
            : t == typeof(float) ? await Typed<float>(rows, field, cancellationToken).ConfigureAwait(false)
            : t == typeof(decimal) ? await Typed<decimal>(rows, field, cancellationToken).ConfigureAwait(false)
            : t == typeof(long) ? await Typed<long>(rows, field, cancellationToken).ConfigureAwait(false)
            : t == typeof(int) ? await Typed<int>(rows, field, cancellationToken).ConfigureAwait(false)
            : t == typeof(short) ? await Typed<short>(rows, field, cancellationToken).ConfigureAwait(false)
            : t == typeof(sbyte) ? await Typed<sbyte>(rows, field, cancellationToken).ConfigureAwait(false)
            : t == typeof(byte) ? await Typed<byte>(rows, field, cancellationToken).ConfigureAwait(false)
            : t == typeof(ushort) ? await Typed<ushort>(rows, field, cancellationToken).ConfigureAwait(false)
            : t == typeof(uint) ? await Typed<uint>(rows, field, cancellationToken).ConfigureAwait(false)
            : t == typeof(ulong) ? await Typed<ulong>(rows, field, cancellationToken).ConfigureAwait(false)
            : t == typeof(bool) ? await Typed<bool>(rows, field, cancellationToken).ConfigureAwait(false)
            : t == typeof(DateTime) ? await Typed<DateTime>(rows, field, cancellationToken).ConfigureAwait(false)
            : t == typeof(DateOnly) ? await Typed<DateOnly>(rows, field, cancellationToken).ConfigureAwait(false)
            : t == typeof(DateTimeOffset) ? await Typed<DateTimeOffset>(rows, field, cancellationToken).ConfigureAwait(false)
            : throw new InvalidDataException($"column '{field.Name}' holds {(t == typeof(byte[]) || t == typeof(ReadOnlyMemory<byte>) ? "binary" : t.Name)} values, which a book cannot carry (expected text, numbers, dates or booleans)");
    }

    private static async Task<object?[]> Typed<T>(ParquetRowGroupReader rows, DataField field, CancellationToken cancellationToken)
        where T : struct
    {
        int count = checked((int)rows.RowCount);
        var all = new object?[count];
        if (field.IsNullable)
        {
            var values = new T?[count];
            await rows.ReadAsync(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < count; i++)
            {
                all[i] = values[i];
            }
        }
        else
        {
            var values = new T[count];
            await rows.ReadAsync(field, values.AsMemory(), null, cancellationToken).ConfigureAwait(false);
            for (int i = 0; i < count; i++)
            {
                all[i] = values[i];
            }
        }

        return all;
    }

    /// <summary>A typed value as text the value parser reads back exactly under <paramref name="culture"/>.</summary>
    private static string? Text(object? value, IFormatProvider culture) => value switch
    {
        null => null,
        string s => s,
        double d => d.ToString("R", culture),
        float f => f.ToString("R", culture),
        decimal m => m.ToString(culture),
        int i => i.ToString(culture),
        long l => l.ToString(culture),
        short s => s.ToString(culture),
        byte b => b.ToString(culture),
        sbyte b => b.ToString(culture),
        ushort u => u.ToString(culture),
        uint u => u.ToString(culture),
        ulong u => u.ToString(culture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, culture),
    };
}
