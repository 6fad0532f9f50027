package miners

import "testing"

func benchParse(b *testing.B, f Format, file string) {
	data := fixture(b, file)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse(f, data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseXMRig(b *testing.B)       { benchParse(b, FormatXMRig, "xmrig.json") }
func BenchmarkParseTRex(b *testing.B)        { benchParse(b, FormatTRex, "trex.json") }
func BenchmarkParseLolMiner(b *testing.B)    { benchParse(b, FormatLolMiner, "lolminer.json") }
func BenchmarkParseLolMinerOld(b *testing.B) { benchParse(b, FormatLolMiner, "lolminer_old.json") }
func BenchmarkParseGMiner(b *testing.B)      { benchParse(b, FormatGMiner, "gminer.json") }
func BenchmarkParseSRBMiner(b *testing.B)    { benchParse(b, FormatSRBMiner, "srbminer.json") }
