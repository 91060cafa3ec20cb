#nullable enable
// Makes TorchSharp's native bridge load on systems whose libstdc++ predates GCC 13.
//
// libLibTorchSharp.so (TorchSharp 0.107) lists GLIBCXX_3.4.32 among the versions it needs from libstdc++.so.6.
// The only symbol bound to that version is std::ios_base_library_init(), a marker that GCC 13's <iostream> emits
// and that no relocation uses. Marking that one version requirement weak (VER_FLG_WEAK in .gnu.version_r) lets
// the dynamic loader accept its absence, while every other requirement stays strict.
//
// This file is compiled twice: by MSBuild's RoslynCodeTaskFactory (the build step, see SimGan.Native.targets)
// and by the test project with GLIBCXX_WEAKENER_LOGIC_ONLY defined (no MSBuild types there).
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace SimGan.Build
{
    public enum WeakenOutcome { Weakened, AlreadyWeak, NotRequired, NotElf }

    public static class GlibcxxWeakener
    {
        public const string Version = "GLIBCXX_3.4.32";
        const uint ShtGnuVerneed = 0x6ffffffe;
        const ushort VerFlgWeak = 0x2;

        /// <summary>True when the given libstdc++ already defines the version, so no patch is wanted.</summary>
        public static bool LibraryProvides(string libstdcxxPath, string version)
        {
            if (!File.Exists(libstdcxxPath)) return false;
            byte[] needle = Encoding.ASCII.GetBytes(version + "\0");
            byte[] hay = File.ReadAllBytes(libstdcxxPath);
            return IndexOf(hay, needle) >= 0;
        }

        /// <summary>Finds the libstdc++.so.6 the dynamic loader would pick on common Linux layouts, or null.</summary>
        public static string? FindSystemLibstdcxx()
        {
            foreach (var dir in new[] { "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib" })
            {
                string p = Path.Combine(dir, "libstdc++.so.6");
                if (File.Exists(p)) return p;
            }
            return null;
        }

        /// <summary>Patches the ELF image in memory. Returns what was done.</summary>
        public static WeakenOutcome Weaken(byte[] elf, string version)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                return WeakenOutcome.NotElf;
            if (elf[4] != 2 || elf[5] != 1)
                throw new InvalidDataException("only 64-bit little-endian ELF files are supported");

            ulong shoff = U64(elf, 0x28);
            int shentsize = U16(elf, 0x3A);
            int shnum = U16(elf, 0x3C);
            if (shentsize < 64 || shoff == 0 || shoff + (ulong)shentsize * (ulong)shnum > (ulong)elf.Length)
                throw new InvalidDataException("section header table lies outside the file");

            for (int i = 0; i < shnum; i++)
            {
                int sh = checked((int)shoff + i * shentsize);
                if (U32(elf, sh + 4) != ShtGnuVerneed) continue;
                int offset = checked((int)U64(elf, sh + 0x18));
                int size = checked((int)U64(elf, sh + 0x20));
                int link = (int)U32(elf, sh + 0x28);
                int count = (int)U32(elf, sh + 0x2C);
                if (link >= shnum) throw new InvalidDataException(".gnu.version_r links to a missing string table");
                int strSh = checked((int)shoff + link * shentsize);
                int strOff = checked((int)U64(elf, strSh + 0x18));
                int strSize = checked((int)U64(elf, strSh + 0x20));
                Bounds(elf, offset, size);
                Bounds(elf, strOff, strSize);
                return WeakenIn(elf, offset, size, count, strOff, strSize, version);
            }
            return WeakenOutcome.NotRequired;
        }

        static WeakenOutcome WeakenIn(byte[] elf, int start, int size, int count, int strOff, int strSize, string version)
        {
            int need = start;
            for (int n = 0; n < count; n++)
            {
                Bounds(elf, need, 16);
                int auxCount = U16(elf, need + 2);
                int aux = need + (int)U32(elf, need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    Bounds(elf, aux, 16);
                    string name = CString(elf, strOff, strSize, (int)U32(elf, aux + 8));
                    if (name == version)
                    {
                        ushort flags = (ushort)U16(elf, aux + 4);
                        if ((flags & VerFlgWeak) != 0) return WeakenOutcome.AlreadyWeak;
                        flags |= VerFlgWeak;
                        elf[aux + 4] = (byte)flags;
                        elf[aux + 5] = (byte)(flags >> 8);
                        return WeakenOutcome.Weakened;
                    }
                    int nextAux = (int)U32(elf, aux + 12);
                    if (nextAux == 0) break;
                    aux += nextAux;
                }
                int next = (int)U32(elf, need + 12);
                if (next == 0) break;
                need += next;
                if (need >= start + size) break;
            }
            return WeakenOutcome.NotRequired;
        }

        /// <summary>
        /// Copies source to destination with the version weakened, writing through a temporary file and a rename,
        /// so a hard link to the NuGet cache is replaced rather than written through.
        /// </summary>
        public static WeakenOutcome WeakenFile(string path, string version)
        {
            byte[] elf = File.ReadAllBytes(path);
            var outcome = Weaken(elf, version);
            if (outcome != WeakenOutcome.Weakened) return outcome;
            string tmp = path + ".weakening";
            File.WriteAllBytes(tmp, elf);
            // The task compiles against netstandard2.0, which has no File.Move overwrite; Replace is atomic on Linux.
            if (File.Exists(path)) File.Replace(tmp, path, null);
            else File.Move(tmp, path);
            return outcome;
        }

        static string CString(byte[] b, int strOff, int strSize, int index)
        {
            if (index < 0 || index >= strSize) throw new InvalidDataException("version name outside the string table");
            int s = strOff + index, e = s;
            while (e < strOff + strSize && b[e] != 0) e++;
            return Encoding.ASCII.GetString(b, s, e - s);
        }

        static void Bounds(byte[] b, int offset, int length)
        {
            if (offset < 0 || length < 0 || (long)offset + length > b.Length)
                throw new InvalidDataException("ELF structure lies outside the file");
        }

        static int IndexOf(byte[] hay, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= hay.Length; i++)
            {
                if (hay[i] != needle[0]) continue;
                int k = 1;
                while (k < needle.Length && hay[i + k] == needle[k]) k++;
                if (k == needle.Length) return i;
            }
            return -1;
        }

        static int U16(byte[] b, int o) => b[o] | (b[o + 1] << 8);
        static uint U32(byte[] b, int o) => BitConverter.ToUInt32(b, o);
        static ulong U64(byte[] b, int o) => BitConverter.ToUInt64(b, o);
    }

#if !GLIBCXX_WEAKENER_LOGIC_ONLY
    public sealed class WeakenGlibcxxRequirement : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required] public string NativeLibrary { get; set; } = "";

        public override bool Execute()
        {
            if (!File.Exists(NativeLibrary)) return true;
            string? system = GlibcxxWeakener.FindSystemLibstdcxx();
            if (system != null && GlibcxxWeakener.LibraryProvides(system, GlibcxxWeakener.Version))
                return true; // The system is new enough: leave TorchSharp exactly as shipped.
            try
            {
                var outcome = GlibcxxWeakener.WeakenFile(NativeLibrary, GlibcxxWeakener.Version);
                if (outcome == WeakenOutcome.Weakened)
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                        $"Marked {GlibcxxWeakener.Version} weak in {NativeLibrary} (system libstdc++ lacks it).");
                return true;
            }
            catch (Exception ex)
            {
                Log.LogError($"Could not patch {NativeLibrary}: {ex.Message}");
                return false;
            }
        }
    }
#endif
}
