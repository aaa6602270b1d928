using System.Text.Json;
using WinsockConformance.Model;

namespace WinsockConformance.Traces;

/// <summary>The header line (docs/trace-format.md, "Header line"), read with the same one pass as every line.</summary>
internal static class HeaderReader
{
    private static readonly KeySet s_keys = new();
    private static readonly Key Format = s_keys.Add("format");
    private static readonly Key Version = s_keys.Add("version");
    private static readonly Key Kind = s_keys.Add("kind");
    private static readonly Key Name = s_keys.Add("name");
    private static readonly Key Description = s_keys.Add("description");
    private static readonly Key Rules = s_keys.Add("rules");
    private static readonly Key Topic = s_keys.Add("topic");
    private static readonly Key Advice = s_keys.Add("advice");
    private static readonly Key Stack = s_keys.Add("stack");
    private static readonly Key Profile = s_keys.Add("profile");
    private static readonly Key Provenance = s_keys.Add("provenance", ReadProvenance);
    private static readonly Key Observes = s_keys.Add("observes");
    private static readonly Key PostingDelay = s_keys.Add("postingDelay");


    private static readonly KeySet s_provenanceKeys = new();
    private static readonly Key Os = s_provenanceKeys.Add("os");
    private static readonly Key OsBuild = s_provenanceKeys.Add("osBuild");
    private static readonly Key Ws2_32 = s_provenanceKeys.Add("ws2_32");
    private static readonly Key Wine = s_provenanceKeys.Add("wine");
    private static readonly Key Probe = s_provenanceKeys.Add("probe");
    private static readonly Key Date = s_provenanceKeys.Add("date");

    /// <summary>Reads the header object the reader is on.</summary>
    public static TraceHeader Read(ref Utf8JsonReader r, LineReader line)
    {
        var slots = line.SlotsFor(s_keys);
        var stamp = line.ReadObject(ref r, s_keys, slots);
        ref readonly var format = ref slots[Format.Index];
        if (format.Stamp != stamp || format.Token != JsonTokenType.String || format.Text != TraceFormat.Format)
        {
            throw new TraceFormatException($"expected a header line with \"format\":\"{TraceFormat.Format}\" first");
        }

        ref readonly var version = ref slots[Version.Index];
        if (version.Stamp != stamp || version.Token == JsonTokenType.Null)
        {
            throw new TraceFormatException("the header needs \"version\"");
        }

        if (!(version.Token == JsonTokenType.Number && version.IsInt32 && version.Long >= 0))
        {
            throw new TraceFormatException($"\"version\" must be a non-negative integer, got {version.Got}");
        }

        if (version.Long is < TraceFormat.Version1 or > TraceFormat.LatestVersion)
        {
            throw new TraceFormatException($"unsupported format version {version.Long}; this tool reads versions {TraceFormat.Version1} to {TraceFormat.LatestVersion}");
        }

        var number = (int)version.Long;

        var kind = Text(slots, stamp, Kind) ?? throw new TraceFormatException("missing \"kind\" (a string)");
        if (kind is not (TraceFormat.ScenarioKind or TraceFormat.TraceKind))
        {
            throw new TraceFormatException($"\"kind\" must be \"{TraceFormat.ScenarioKind}\" or \"{TraceFormat.TraceKind}\", got {SafeText.Quote(kind)}");
        }

        var observes = Aspects(slots[Observes.Index], stamp, line, number);
        var delay = Delay(slots[PostingDelay.Index], stamp, number);
        if (delay > 0 && (observes & ObservedAspects.Posted) != 0)
        {
            throw new TraceFormatException("\"postingDelay\" is for a trace that does not observe \"posted\" (one that does says when each message was posted)");
        }

        return new TraceHeader
        {
            Kind = kind,
            Version = number,
            Observes = observes,
            PostingDelay = delay,
            Rules = RuleIds(slots[Rules.Index], stamp, line),
            Name = Text(slots, stamp, Name),
            Description = Text(slots, stamp, Description),
            Topic = Text(slots, stamp, Topic),
            Advice = Text(slots, stamp, Advice),
            Stack = Text(slots, stamp, Stack),
            Profile = Text(slots, stamp, Profile),
            Provenance = slots[Provenance.Index].Stamp == stamp ? (Provenance?)slots[Provenance.Index].Value : null,
        };
    }

    /// <summary>"observes": the aspects the trace records, a non-empty array of their words (version 2); all when left out.</summary>
    private static ObservedAspects Aspects(in Slot slot, int stamp, LineReader line, int version)
    {
        if (slot.Stamp != stamp || slot.Token == JsonTokenType.Null)
        {
            return ObservedAspects.All;
        }

        NeedsVersion2("\"observes\"", version);
        var expected = $"an array of {string.Join(", ", TraceFormat.AspectWords.Select(a => a.Word))}";
        if (slot.Token != JsonTokenType.StartArray || slot.ItemCount == 0)
        {
            throw new TraceFormatException($"\"observes\" must be {expected} (at least one), got {slot.Got}");
        }

        var aspects = ObservedAspects.None;
        for (var i = slot.ItemStart; i < slot.ItemStart + slot.ItemCount; i++)
        {
            var item = line.Items[i];
            var word = item.Token == JsonTokenType.String ? item.Text! : item.Got;
            var found = TraceFormat.AspectWords.FirstOrDefault(a => item.Token == JsonTokenType.String && string.Equals(a.Word, word, StringComparison.Ordinal));
            aspects |= found.Word is not null ? found.Aspect : throw new TraceFormatException($"\"observes\": unknown aspect {SafeText.Quote(word)}; expected {expected}");
        }

        return aspects;
    }

    /// <summary>"postingDelay": a step count (version 2); 0 when left out.</summary>
    private static int Delay(in Slot slot, int stamp, int version)
    {
        if (slot.Stamp != stamp || slot.Token == JsonTokenType.Null)
        {
            return 0;
        }

        NeedsVersion2("\"postingDelay\"", version);
        return slot.Token == JsonTokenType.Number && slot.IsInt32 && slot.Long >= 0
            ? (int)slot.Long
            : throw new TraceFormatException($"\"postingDelay\" must be a non-negative integer (steps), got {slot.Got}");
    }

    /// <summary>Something version 2 added, in a file that says version 1.</summary>
    internal static void NeedsVersion2(string what, int version)
    {
        if (version < TraceFormat.Version2)
        {
            throw new TraceFormatException($"{what} needs format version {TraceFormat.Version2}; the header says version {version}");
        }
    }

    /// <summary>An optional non-empty string.</summary>
    private static string? Text(Slot[] slots, int stamp, Key key)
    {
        ref readonly var slot = ref slots[key.Index];
        if (slot.Stamp != stamp || slot.Token == JsonTokenType.Null)
        {
            return null;
        }

        return slot.Token == JsonTokenType.String && slot.Text!.Length > 0
            ? slot.Text
            : throw new TraceFormatException($"\"{key.Name}\" must be a non-empty string, got {slot.Kind}");
    }

    private static List<string> RuleIds(in Slot slot, int stamp, LineReader line)
    {
        var rules = new List<string>();
        if (slot.Stamp != stamp || slot.Token == JsonTokenType.Null)
        {
            return rules;
        }

        if (slot.Token != JsonTokenType.StartArray)
        {
            throw new TraceFormatException($"\"rules\" must be an array of rule IDs like [\"C1\",\"D2\"], got {slot.Kind}");
        }

        for (var i = slot.ItemStart; i < slot.ItemStart + slot.ItemCount; i++)
        {
            var item = line.Items[i];
            var id = item.Token == JsonTokenType.String ? item.Text! : item.Got;
            if (item.Token != JsonTokenType.String || RuleCatalog.Find(id) is null)
            {
                throw new TraceFormatException($"\"rules\": unknown rule ID {SafeText.Quote(id)} (see docs/rules.md)");
            }

            rules.Add(id);
        }

        return rules;
    }

    /// <summary>Where the trace came from: every field an optional string; anything else in it is ignored, as is a provenance that is not an object.</summary>
    private static void ReadProvenance(ref Utf8JsonReader r, ref Slot slot, LineReader line)
    {
        slot.Token = r.TokenType;
        if (r.TokenType != JsonTokenType.StartObject)
        {
            LineReader.Skip(ref r);
            return;
        }

        LineReader.CheckNesting(ref r);
        var slots = line.SlotsFor(s_provenanceKeys);
        var stamp = line.ReadObject(ref r, s_provenanceKeys, slots, "provenance.");
        string? Field(Key key) => slots[key.Index].Stamp == stamp && slots[key.Index].Token == JsonTokenType.String ? slots[key.Index].Text : null;
        slot.Value = new Provenance
        {
            Os = Field(Os),
            OsBuild = Field(OsBuild),
            Ws2_32 = Field(Ws2_32),
            Wine = Field(Wine),
            Probe = Field(Probe),
            Date = Field(Date),
        };
    }
}
