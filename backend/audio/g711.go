package audio

// G.711 expansion tables (ITU-T G.711), built once; decoding is a table look-up per byte.
var alawTable, mulawTable [256]int16

func init() {
	for i := 0; i < 256; i++ {
		alawTable[i] = alawDecode(byte(i))
		mulawTable[i] = mulawDecode(byte(i))
	}
}

func alawDecode(a byte) int16 {
	a ^= 0x55
	t := int32(a&0x0F) << 4
	seg := int32(a&0x70) >> 4
	switch seg {
	case 0:
		t += 8
	case 1:
		t += 0x108
	default:
		t += 0x108
		t <<= uint(seg - 1)
	}
	if a&0x80 != 0 {
		return int16(t)
	}
	return int16(-t)
}

func mulawDecode(u byte) int16 {
	u = ^u
	t := (int32(u&0x0F) << 3) + 0x84
	t <<= uint(u&0x70) >> 4
	if u&0x80 != 0 {
		return int16(0x84 - t)
	}
	return int16(t - 0x84)
}
