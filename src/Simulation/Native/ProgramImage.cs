using System.Reflection.PortableExecutable;
using System.Text;

namespace WinsockConformance.Simulation.Native;

/// <summary>
/// What the simulator needs to know of a program file before running it: whether it is a native Windows program (a PE
/// file without .NET metadata), for which machine, and which DLLs it imports (wsasim.dll: linked against the shim).
/// </summary>
internal sealed record ProgramImage(bool IsManaged, Machine Machine, IReadOnlyList<string> Imports)
{
    public bool IsNative => !IsManaged;

    /// <summary>Whether the program imports the shim under its own name (it was linked against libwsasim.a / wsasim.lib).</summary>
    public bool LinksShim => Imports.Any(i => string.Equals(i, "wsasim.dll", StringComparison.OrdinalIgnoreCase));

    /// <summary>The file's image, or null when it is not a PE file at all.</summary>
    public static ProgramImage? Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new PEReader(stream);
            var headers = reader.PEHeaders;
            if (headers.PEHeader is null)
            {
                return null;
            }

            return new ProgramImage(headers.CorHeader is not null, headers.CoffHeader.Machine, ImportsOf(reader, headers));
        }
        catch (BadImageFormatException)
        {
            return null;
        }
    }

    /// <summary>The import directory's DLL names (IMAGE_IMPORT_DESCRIPTOR: 20 bytes each, the name's RVA at 12, ended by zeros).</summary>
    private static List<string> ImportsOf(PEReader reader, PEHeaders headers)
    {
        var names = new List<string>();
        var directory = headers.PEHeader!.ImportTableDirectory;
        if (directory.RelativeVirtualAddress == 0)
        {
            return names;
        }

        var table = reader.GetSectionData(directory.RelativeVirtualAddress).GetReader();
        while (table.RemainingBytes >= 20)
        {
            var descriptor = table.ReadBytes(20);
            var nameRva = BitConverter.ToInt32(descriptor, 12);
            if (nameRva == 0)
            {
                break;
            }

            var name = reader.GetSectionData(nameRva).GetReader();
            var text = new StringBuilder();
            for (byte c; name.RemainingBytes > 0 && (c = name.ReadByte()) != 0;)
            {
                text.Append((char)c);
            }

            names.Add(text.ToString());
        }

        return names;
    }
}
