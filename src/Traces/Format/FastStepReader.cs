using System.Buffers;
using System.Text;
using System.Text.Json;

namespace WinsockConformance.Traces;

/// <summary>
/// The fast path for step lines: one forward pass of <see cref="Utf8JsonReader"/> straight into the
/// records, instead of a <see cref="JsonDocument"/> per line and a property search per field. It reads
/// only plain, well-formed step lines (what the probe and the model write) and declines everything
/// else: the slow path in <see cref="TraceReader"/> then reads that line, so odd input and every error
/// message stay exactly as the slow path has them. Declining is always safe; accepting must give the
/// same step the slow path would.
/// </summary>
internal static class FastStepReader
{
    /// <summary>Lines longer than this are rare; they take the slow path rather than a larger buffer.</summary>
    private const int MaxLineBytes = 4096;

    /// <summary>A line given as text (TraceReader.Read).</summary>
    public static bool TryRead(string text, int line, int expectedNumber, FastReadContext context, out TraceStep step)
    {
        step = null!;

        // ASCII only: then UTF-16 to UTF-8 is a plain narrowing, and no escape or transcoding subtlety can arise.
        if (text.Length > MaxLineBytes || !Ascii.IsValid(text))
        {
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(text.Length);
        try
        {
            var utf8 = buffer.AsSpan(0, text.Length);
            Ascii.FromUtf16(text, utf8, out _);
            return TryReadAscii(utf8, line, expectedNumber, context, out step);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A line given as the file's bytes (TraceReader.ReadFile), never decoded to a string.</summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8, int line, int expectedNumber, FastReadContext context, out TraceStep step)
    {
        step = null!;
        return utf8.Length <= MaxLineBytes && Ascii.IsValid(utf8) && TryReadAscii(utf8, line, expectedNumber, context, out step);
    }

    private static bool TryReadAscii(ReadOnlySpan<byte> utf8, int line, int expectedNumber, FastReadContext context, out TraceStep step)
    {
        step = null!;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var fields = new StepFields(context);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!fields.TryReadProperty(ref reader))
                {
                    return false;
                }
            }

            // The object is closed; anything after it is for the slow path to report.
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return false;
            }

            return fields.TryBuild(line, expectedNumber, out step);
        }
        catch (JsonException)
        {
            // Malformed JSON: the slow path parses the line again and reports where.
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
