Console.WriteLine("volume-backup");
