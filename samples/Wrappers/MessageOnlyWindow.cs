using WinsockConformance.Simulation.Windowing;
using static WinsockConformance.Simulation.Api.User32;

namespace WinsockConformance.Samples;

/// <summary>The hidden window every wrapper here gets its notifications on: a class of its own, parent HWND_MESSAGE.</summary>
public static class MessageOnlyWindow
{
    public static nint Create(string className, WindowProcedure? procedure = null)
    {
        RegisterClass(className, procedure ?? DefWindowProc);
        return CreateWindowEx(0, className, null, 0, 0, 0, 0, 0, HWND_MESSAGE, 0, 0, 0);
    }
}
