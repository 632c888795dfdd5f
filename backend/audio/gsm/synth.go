package gsm

// Fixed-point arithmetic of the standard (clause 5.1): 16-bit words, saturating add/sub,
// rounded multiply.
const (
	minWord = -32768
	maxWord = 32767
)

func sat(v int32) int16 {
	if v < minWord {
		return minWord
	}
	if v > maxWord {
		return maxWord
	}
	return int16(v)
}

func add(a, b int16) int16 { return sat(int32(a) + int32(b)) }
func sub(a, b int16) int16 { return sat(int32(a) - int32(b)) }

// multR is mult_r: (a*b + 2^14) >> 15, with the one overflow case saturated.
func multR(a, b int16) int16 {
	if a == minWord && b == minWord {
		return maxWord
	}
	return int16((int32(a)*int32(b) + 16384) >> 15)
}

func asr(a int16, n int) int16 {
	switch {
	case n >= 16:
		if a < 0 {
			return -1
		}
		return 0
	case n <= -16:
		return 0
	case n < 0:
		return int16(int32(a) << uint(-n))
	}
	return a >> uint(n)
}

func asl(a int16, n int) int16 {
	switch {
	case n >= 16:
		return 0
	case n <= -16:
		if a < 0 {
			return -1
		}
		return 0
	case n < 0:
		return asr(a, -n)
	}
	return int16(int32(a) << uint(n))
}

// Tables from clause 5.2 / 5.3 of the standard.
var (
	tabMIC  = [8]int16{-32, -32, -16, -16, -8, -8, -4, -4}
	tabB    = [8]int16{0, 0, 2048, -2560, 94, -1792, -341, -1144}
	tabINVA = [8]int16{13107, 13107, 13107, 13107, 19223, 17476, 31454, 29708}
	tabQLB  = [4]int16{3277, 11469, 21299, 32767}
	tabFAC  = [8]int16{18431, 20479, 22527, 24575, 26623, 28671, 30719, 32767}
)

// decode runs the receiver (clause 4.3) on one frame's parameters.
func (d *Decoder) decode(p *params, out []int16) {
	var wt [160]int16
	var erp [40]int16
	for s := 0; s < 4; s++ {
		rpeDecode(p.xmaxc[s], p.mc[s], &p.xmc[s], &erp)
		d.longTermSynthesis(p.nc[s], p.bc[s], &erp)
		copy(wt[s*40:], d.dp0[120:160])
	}
	d.shortTermSynthesis(&p.larc, &wt, out)
	d.postprocess(out)
}

// rpeDecode: APCM inverse quantisation and RPE grid positioning (clauses 4.2.15-4.2.17).
func rpeDecode(xmaxc, mc int16, xmc *[13]int16, erp *[40]int16) {
	exp := int16(0)
	if xmaxc > 15 {
		exp = (xmaxc >> 3) - 1
	}
	mant := xmaxc - exp<<3
	if mant == 0 {
		exp, mant = -4, 7
	} else {
		for mant <= 7 {
			mant = mant<<1 | 1
			exp--
		}
		mant -= 8
	}
	temp1 := tabFAC[mant]
	temp2 := sub(6, exp)
	temp3 := asl(1, int(sub(temp2, 1)))
	*erp = [40]int16{}
	for i := 0; i < 13; i++ {
		t := (xmc[i] << 1) - 7 // restore sign
		t <<= 12
		t = multR(temp1, t)
		t = add(t, temp3)
		erp[int(mc)+3*i] = asr(t, int(temp2))
	}
}

// longTermSynthesis reconstructs the short-term residual (clause 4.3.2).
func (d *Decoder) longTermSynthesis(ncr, bcr int16, erp *[40]int16) {
	nr := ncr
	if ncr < 40 || ncr > 120 {
		nr = d.nrp
	}
	d.nrp = nr
	brp := tabQLB[bcr&3]
	drp := d.dp0[120:]
	for k := 0; k < 40; k++ {
		drpp := multR(brp, d.dp0[120+k-int(nr)])
		drp[k] = add(erp[k], drpp)
	}
	copy(d.dp0[0:120], d.dp0[40:160])
}

// shortTermSynthesis interpolates the reflection coefficients across the frame and runs
// the lattice filter (clauses 4.2.8-4.2.10 and 4.3.3).
func (d *Decoder) shortTermSynthesis(larc *[8]int16, wt *[160]int16, out []int16) {
	prev := &d.larpp[d.j]
	d.j ^= 1
	cur := &d.larpp[d.j]
	for i := 0; i < 8; i++ {
		t := add(larc[i], tabMIC[i]) << 10
		t = sub(t, tabB[i]<<1)
		t = multR(tabINVA[i], t)
		cur[i] = add(t, t)
	}
	var larp [8]int16
	for i := 0; i < 8; i++ {
		larp[i] = add(prev[i]>>2, cur[i]>>2)
		larp[i] = add(larp[i], prev[i]>>1)
	}
	d.filter(&larp, wt[0:13], out[0:13])
	for i := 0; i < 8; i++ {
		larp[i] = add(prev[i]>>1, cur[i]>>1)
	}
	d.filter(&larp, wt[13:27], out[13:27])
	for i := 0; i < 8; i++ {
		larp[i] = add(prev[i]>>2, cur[i]>>2)
		larp[i] = add(larp[i], cur[i]>>1)
	}
	d.filter(&larp, wt[27:40], out[27:40])
	larp = *cur
	d.filter(&larp, wt[40:160], out[40:160])
}

// filter converts LAR to reflection coefficients then runs the synthesis lattice.
func (d *Decoder) filter(larp *[8]int16, wt, out []int16) {
	var rp [8]int16
	for i, v := range larp {
		neg := v < 0
		t := v
		if neg {
			if v == minWord {
				t = maxWord
			} else {
				t = -v
			}
		}
		switch {
		case t < 11059:
			t <<= 1
		case t < 20070:
			t += 11059
		default:
			t = add(t>>2, 26112)
		}
		if neg {
			t = -t
		}
		rp[i] = t
	}
	v := &d.v
	for k := range wt {
		sri := wt[k]
		for i := 7; i >= 0; i-- {
			sri = sub(sri, multR(rp[i], v[i]))
			v[i+1] = add(v[i], multR(rp[i], sri))
		}
		v[0] = sri
		out[k] = sri
	}
}

// postprocess: de-emphasis, truncation and upscaling (clause 4.3.5).
func (d *Decoder) postprocess(s []int16) {
	msr := d.msr
	for k := range s {
		tmp := multR(msr, 28180)
		msr = add(s[k], tmp)
		s[k] = int16(uint16(add(msr, msr)) & 0xFFF8)
	}
	d.msr = msr
}
