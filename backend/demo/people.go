package demo

// The demo trust is a community and mental-health trust across West Yorkshire.
// Team bases are real places; people are invented.

type teamSpec struct {
	name, group, base string
	lat, lon          float64
	workers           int
}

var teams = []teamSpec{
	{"Leeds North Community Midwives", "Community midwives", "Chapeltown Health Centre", 53.8186, -1.5335, 20},
	{"Leeds East District Nurses", "District nurses", "Harehills Health Centre", 53.8094, -1.5137, 22},
	{"Leeds West District Nurses", "District nurses", "Armley Moor Health Centre", 53.7986, -1.5903, 20},
	{"Bradford Health Visitors", "Health visitors", "Manningham Clinic", 53.8050, -1.7650, 18},
	{"Wakefield Mental Health Outreach", "Mental-health outreach", "Fieldhead, Wakefield", 53.6833, -1.4977, 18},
	{"Kirklees Crisis Team", "Mental-health crisis", "Huddersfield Royal Infirmary", 53.6458, -1.7850, 16},
	{"Calderdale Community Therapy", "Community therapists", "Halifax Broad Street", 53.7248, -1.8658, 16},
	{"Leeds Safeguarding Children", "Safeguarding nurses", "St Mary's Hospital, Armley", 53.7930, -1.5960, 20},
}

var firstNames = []string{
	"Sarah", "Emma", "Aisha", "Priya", "Joanne", "Rachel", "Helen", "Fatima", "Claire", "Laura",
	"Amy", "Nicola", "Zainab", "Gemma", "Katie", "Lucy", "Hannah", "Rebecca", "Sophie", "Chloe",
	"James", "Mohammed", "David", "Daniel", "Thomas", "Imran", "Mark", "Paul", "Oliver", "Tariq",
	"Grace", "Megan", "Charlotte", "Bethany", "Samina", "Ruth", "Anna", "Joy", "Olivia", "Adele",
}

var lastNames = []string{
	"Collins", "Hussain", "Patel", "Wright", "Brooke", "Ahmed", "Walker", "Khan", "Robinson", "Thompson",
	"Wood", "Shaw", "Hall", "Green", "Akhtar", "Booth", "Kaur", "Lee", "Taylor", "Marsden",
	"Holroyd", "Sutcliffe", "Begum", "Rahman", "Clarke", "Jackson", "Firth", "Ellis", "Stead", "Okafor",
}

var operators = []string{"ARC op 04 (J. Patel)", "ARC op 11 (M. Reid)", "ARC op 17 (S. Ogunleye)", "ARC op 23 (K. Doyle)", "ARC op 31 (L. Fraser)"}

var roles = map[string]string{
	"Community midwives":     "Community midwife",
	"District nurses":        "District nurse",
	"Health visitors":        "Health visitor",
	"Mental-health outreach": "Community psychiatric nurse",
	"Mental-health crisis":   "Crisis practitioner",
	"Community therapists":   "Occupational therapist",
	"Safeguarding nurses":    "Safeguarding nurse",
}

var memos = []string{
	"First visit, new patient. Flat on third floor, lift out of order.",
	"Postnatal visit. Partner has been hostile on the phone.",
	"Wound dressing. Large dog at the property.",
	"Home visit to a client recently discharged from hospital.",
	"Joint visit cancelled, going alone. Expect 45 minutes.",
	"Visit at a hostel, room 12. Staff on site.",
	"Late visit, area poorly lit. Parking two streets away.",
	"Safeguarding visit, family known to social care.",
	"Medication review, client has history of verbal abuse.",
	"Routine visit. Thirty minutes.",
}
