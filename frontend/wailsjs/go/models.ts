export namespace arc {
	
	export class HeaderInfo {
	    file: string;
	    delimiter: string;
	    encoding: string;
	    headers: string[];
	    sample: string[][];
	
	    static createFrom(source: any = {}) {
	        return new HeaderInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.file = source["file"];
	        this.delimiter = source["delimiter"];
	        this.encoding = source["encoding"];
	        this.headers = source["headers"];
	        this.sample = source["sample"];
	    }
	}
	export class TablePreview {
	    kind: string;
	    file: string;
	    rows: PreviewRow[];
	    problems: Problem[];
	    read: number;
	
	    static createFrom(source: any = {}) {
	        return new TablePreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.file = source["file"];
	        this.rows = this.convertValues(source["rows"], PreviewRow);
	        this.problems = this.convertValues(source["problems"], Problem);
	        this.read = source["read"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Problem {
	    file: string;
	    kind: string;
	    line: number;
	    column: string;
	    value: string;
	    ref: string;
	    severity: string;
	    reason: string;
	
	    static createFrom(source: any = {}) {
	        return new Problem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.file = source["file"];
	        this.kind = source["kind"];
	        this.line = source["line"];
	        this.column = source["column"];
	        this.value = source["value"];
	        this.ref = source["ref"];
	        this.severity = source["severity"];
	        this.reason = source["reason"];
	    }
	}
	export class PreviewRow {
	    line: number;
	    values: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new PreviewRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = source["line"];
	        this.values = source["values"];
	    }
	}
	export class Preview {
	    file: string;
	    rows: PreviewRow[];
	    problems: Problem[];
	    unknown: Record<string, Array<string>>;
	    read: number;
	    tables: TablePreview[];
	    unread: string[];
	    others: string[];
	
	    static createFrom(source: any = {}) {
	        return new Preview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.file = source["file"];
	        this.rows = this.convertValues(source["rows"], PreviewRow);
	        this.problems = this.convertValues(source["problems"], Problem);
	        this.unknown = source["unknown"];
	        this.read = source["read"];
	        this.tables = this.convertValues(source["tables"], TablePreview);
	        this.unread = source["unread"];
	        this.others = source["others"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	

}

export namespace audio {
	
	export class LengthMismatch {
	    kind: string;
	    claimedSeconds: number;
	    actualSeconds: number;
	    bytesClaimed: number;
	    bytesPresent: number;
	
	    static createFrom(source: any = {}) {
	        return new LengthMismatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.claimedSeconds = source["claimedSeconds"];
	        this.actualSeconds = source["actualSeconds"];
	        this.bytesClaimed = source["bytesClaimed"];
	        this.bytesPresent = source["bytesPresent"];
	    }
	}
	export class Info {
	    container: string;
	    codec: string;
	    sampleRate: number;
	    channels: number;
	    frames: number;
	    durationMs: number;
	    approximate?: boolean;
	    truncated?: LengthMismatch;
	
	    static createFrom(source: any = {}) {
	        return new Info(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.container = source["container"];
	        this.codec = source["codec"];
	        this.sampleRate = source["sampleRate"];
	        this.channels = source["channels"];
	        this.frames = source["frames"];
	        this.durationMs = source["durationMs"];
	        this.approximate = source["approximate"];
	        this.truncated = this.convertValues(source["truncated"], LengthMismatch);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace bundle {
	
	export class Finding {
	    kind: string;
	    path: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new Finding(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.path = source["path"];
	        this.message = source["message"];
	    }
	}
	export class Report {
	    path: string;
	    files: number;
	    auditHead: store.AuditAnchor;
	    headNote: string;
	    findings: Finding[];
	
	    static createFrom(source: any = {}) {
	        return new Report(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.files = source["files"];
	        this.auditHead = this.convertValues(source["auditHead"], store.AuditAnchor);
	        this.headNote = source["headNote"];
	        this.findings = this.convertValues(source["findings"], Finding);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace casework {
	
	export class Item {
	    kind: string;
	    title: string;
	    detail: string;
	    dueAt: number;
	    overdue: boolean;
	    urgent: boolean;
	    why: string;
	    section: string;
	    alertId: number;
	    caseId: number;
	
	    static createFrom(source: any = {}) {
	        return new Item(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.title = source["title"];
	        this.detail = source["detail"];
	        this.dueAt = source["dueAt"];
	        this.overdue = source["overdue"];
	        this.urgent = source["urgent"];
	        this.why = source["why"];
	        this.section = source["section"];
	        this.alertId = source["alertId"];
	        this.caseId = source["caseId"];
	    }
	}
	export class Route {
	    id: string;
	    label: string;
	    description: string;
	    kinds: string[];
	
	    static createFrom(source: any = {}) {
	        return new Route(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.label = source["label"];
	        this.description = source["description"];
	        this.kinds = source["kinds"];
	    }
	}
	export class TimelineEntry {
	    at: number;
	    source: string;
	    actor: string;
	    text: string;
	
	    static createFrom(source: any = {}) {
	        return new TimelineEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.at = source["at"];
	        this.source = source["source"];
	        this.actor = source["actor"];
	        this.text = source["text"];
	    }
	}

}

export namespace evidence {
	
	export class Problem {
	    kind: string;
	    sha256: string;
	    mediaId: number;
	    alertId: number;
	    arcRef: string;
	    item: string;
	    cases: string;
	    legalHold: boolean;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new Problem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.sha256 = source["sha256"];
	        this.mediaId = source["mediaId"];
	        this.alertId = source["alertId"];
	        this.arcRef = source["arcRef"];
	        this.item = source["item"];
	        this.cases = source["cases"];
	        this.legalHold = source["legalHold"];
	        this.message = source["message"];
	    }
	}
	export class Report {
	    at: number;
	    seconds: number;
	    recordings: number;
	    bytes: number;
	    files: number;
	    awaiting: number;
	    unconfirmed: number;
	    problems: Problem[];
	    more: number;
	
	    static createFrom(source: any = {}) {
	        return new Report(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.at = source["at"];
	        this.seconds = source["seconds"];
	        this.recordings = source["recordings"];
	        this.bytes = source["bytes"];
	        this.files = source["files"];
	        this.awaiting = source["awaiting"];
	        this.unconfirmed = source["unconfirmed"];
	        this.problems = this.convertValues(source["problems"], Problem);
	        this.more = source["more"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace exhibit {
	
	export class Link {
	    seq: number;
	    at: number;
	    actor: string;
	    action: string;
	    what: string;
	
	    static createFrom(source: any = {}) {
	        return new Link(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.seq = source["seq"];
	        this.at = source["at"];
	        this.actor = source["actor"];
	        this.action = source["action"];
	        this.what = source["what"];
	    }
	}
	export class Listen {
	    seq: number;
	    mediaId: number;
	    recording: string;
	    at: number;
	    actor: string;
	    fromMs: number;
	    toMs: number;
	    speed: number;
	    enhance: boolean;
	    device: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Listen(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.seq = source["seq"];
	        this.mediaId = source["mediaId"];
	        this.recording = source["recording"];
	        this.at = source["at"];
	        this.actor = source["actor"];
	        this.fromMs = source["fromMs"];
	        this.toMs = source["toMs"];
	        this.speed = source["speed"];
	        this.enhance = source["enhance"];
	        this.device = source["device"];
	    }
	}
	export class Settings {
	    producer: string;
	    role: string;
	    initials: string;
	    separator: string;
	    keptAt: string;
	    trust: string;
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.producer = source["producer"];
	        this.role = source["role"];
	        this.initials = source["initials"];
	        this.separator = source["separator"];
	        this.keptAt = source["keptAt"];
	        this.trust = source["trust"];
	    }
	}

}

export namespace geo {
	
	export class AmberGap {
	    amberId: number;
	    distanceM: number;
	    seconds: number;
	
	    static createFrom(source: any = {}) {
	        return new AmberGap(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.amberId = source["amberId"];
	        this.distanceM = source["distanceM"];
	        this.seconds = source["seconds"];
	    }
	}
	export class NearbyRisk {
	    location: store.KnownRiskLocation;
	    distanceM: number;
	    inside: boolean;
	
	    static createFrom(source: any = {}) {
	        return new NearbyRisk(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.location = this.convertValues(source["location"], store.KnownRiskLocation);
	        this.distanceM = source["distanceM"];
	        this.inside = source["inside"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TrailFix {
	    id: number;
	    alertId: number;
	    fixAt: number;
	    lat: number;
	    lon: number;
	    accuracyM: number;
	    source: string;
	    sourceWord: string;
	    extra: string[][];
	    stepM: number;
	    stepS: number;
	
	    static createFrom(source: any = {}) {
	        return new TrailFix(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.alertId = source["alertId"];
	        this.fixAt = source["fixAt"];
	        this.lat = source["lat"];
	        this.lon = source["lon"];
	        this.accuracyM = source["accuracyM"];
	        this.source = source["source"];
	        this.sourceWord = source["sourceWord"];
	        this.extra = source["extra"];
	        this.stepM = source["stepM"];
	        this.stepS = source["stepS"];
	    }
	}
	export class CaseMap {
	    red: store.Alert;
	    redLat?: number;
	    redLon?: number;
	    trail: TrailFix[];
	    ambers: store.Alert[];
	    lastAmber?: AmberGap;
	    knownRisks: NearbyRisk[];
	    bounds?: store.MapBox;
	    day: string;
	
	    static createFrom(source: any = {}) {
	        return new CaseMap(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.red = this.convertValues(source["red"], store.Alert);
	        this.redLat = source["redLat"];
	        this.redLon = source["redLon"];
	        this.trail = this.convertValues(source["trail"], TrailFix);
	        this.ambers = this.convertValues(source["ambers"], store.Alert);
	        this.lastAmber = this.convertValues(source["lastAmber"], AmberGap);
	        this.knownRisks = this.convertValues(source["knownRisks"], NearbyRisk);
	        this.bounds = this.convertValues(source["bounds"], store.MapBox);
	        this.day = source["day"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Cluster {
	    lat: number;
	    lon: number;
	    count: number;
	    amber: number;
	    red: number;
	    byValidity: number[];
	    bounds: store.MapBox;
	
	    static createFrom(source: any = {}) {
	        return new Cluster(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.lat = source["lat"];
	        this.lon = source["lon"];
	        this.count = source["count"];
	        this.amber = source["amber"];
	        this.red = source["red"];
	        this.byValidity = source["byValidity"];
	        this.bounds = this.convertValues(source["bounds"], store.MapBox);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class HeatCell {
	    lat: number;
	    lon: number;
	    count: number;
	    red: number;
	    weight: number;
	
	    static createFrom(source: any = {}) {
	        return new HeatCell(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.lat = source["lat"];
	        this.lon = source["lon"];
	        this.count = source["count"];
	        this.red = source["red"];
	        this.weight = source["weight"];
	    }
	}
	export class TeamCount {
	    teamId: number;
	    name: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new TeamCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.teamId = source["teamId"];
	        this.name = source["name"];
	        this.count = source["count"];
	    }
	}
	export class Hotspot {
	    key: string;
	    lat: number;
	    lon: number;
	    radiusM: number;
	    count: number;
	    first: number;
	    last: number;
	    teams: TeamCount[];
	    alertIds: number[];
	
	    static createFrom(source: any = {}) {
	        return new Hotspot(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.lat = source["lat"];
	        this.lon = source["lon"];
	        this.radiusM = source["radiusM"];
	        this.count = source["count"];
	        this.first = source["first"];
	        this.last = source["last"];
	        this.teams = this.convertValues(source["teams"], TeamCount);
	        this.alertIds = source["alertIds"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class HotspotParams {
	    epsM: number;
	    minPts: number;
	    from: number;
	    to: number;
	    validity: string[];
	
	    static createFrom(source: any = {}) {
	        return new HotspotParams(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.epsM = source["epsM"];
	        this.minPts = source["minPts"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.validity = source["validity"];
	    }
	}
	
	export class RiskMatch {
	    locationId: number;
	    label: string;
	    distanceM: number;
	
	    static createFrom(source: any = {}) {
	        return new RiskMatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.locationId = source["locationId"];
	        this.label = source["label"];
	        this.distanceM = source["distanceM"];
	    }
	}
	
	
	export class View {
	    zoom: number;
	    total: number;
	    clusters?: Cluster[];
	    points?: store.MapPoints;
	    truncated: boolean;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new View(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.zoom = source["zoom"];
	        this.total = source["total"];
	        this.clusters = this.convertValues(source["clusters"], Cluster);
	        this.points = this.convertValues(source["points"], store.MapPoints);
	        this.truncated = source["truncated"];
	        this.version = source["version"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ViewRequest {
	    box: store.MapBox;
	    zoom: number;
	    filter: store.AlertFilter;
	
	    static createFrom(source: any = {}) {
	        return new ViewRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.box = this.convertValues(source["box"], store.MapBox);
	        this.zoom = source["zoom"];
	        this.filter = this.convertValues(source["filter"], store.AlertFilter);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace letters {
	
	export class Field {
	    name: string;
	    description: string;
	    source: string;
	
	    static createFrom(source: any = {}) {
	        return new Field(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.description = source["description"];
	        this.source = source["source"];
	    }
	}
	export class Settings {
	    trustName: string;
	    letterhead: string;
	    lsmsName: string;
	    lsmsTitle: string;
	    lsmsAddress: string;
	    lsmsPhone: string;
	    lsmsEmail: string;
	    recordingStatement: string;
	    transcriptRequest: string;
	    warningWording: string;
	    noSanctionWording: string;
	    warningMonths: number;
	    expiryMonths: number;
	    approvalByAnother: boolean;
	    legalServicesName: string;
	    legalServicesAddress: string;
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.trustName = source["trustName"];
	        this.letterhead = source["letterhead"];
	        this.lsmsName = source["lsmsName"];
	        this.lsmsTitle = source["lsmsTitle"];
	        this.lsmsAddress = source["lsmsAddress"];
	        this.lsmsPhone = source["lsmsPhone"];
	        this.lsmsEmail = source["lsmsEmail"];
	        this.recordingStatement = source["recordingStatement"];
	        this.transcriptRequest = source["transcriptRequest"];
	        this.warningWording = source["warningWording"];
	        this.noSanctionWording = source["noSanctionWording"];
	        this.warningMonths = source["warningMonths"];
	        this.expiryMonths = source["expiryMonths"];
	        this.approvalByAnother = source["approvalByAnother"];
	        this.legalServicesName = source["legalServicesName"];
	        this.legalServicesAddress = source["legalServicesAddress"];
	    }
	}
	export class TemplateInfo {
	    kind: string;
	    title: string;
	    path: string;
	    sha256: string;
	    isDefault: boolean;
	    fields: string[];
	    problem: string;
	
	    static createFrom(source: any = {}) {
	        return new TemplateInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.title = source["title"];
	        this.path = source["path"];
	        this.sha256 = source["sha256"];
	        this.isDefault = source["isDefault"];
	        this.fields = source["fields"];
	        this.problem = source["problem"];
	    }
	}

}

export namespace main {
	
	export class AboutInfo {
	    version: string;
	    commit: string;
	    goVersion: string;
	    platform: string;
	    dataDir: string;
	    database: string;
	    schema: number;
	    auditHead: string;
	    team: boolean;
	
	    static createFrom(source: any = {}) {
	        return new AboutInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.commit = source["commit"];
	        this.goVersion = source["goVersion"];
	        this.platform = source["platform"];
	        this.dataDir = source["dataDir"];
	        this.database = source["database"];
	        this.schema = source["schema"];
	        this.auditHead = source["auditHead"];
	        this.team = source["team"];
	    }
	}
	export class AlertARCInfo {
	    fields: store.AlertARC;
	    documents: store.Document[];
	    destroyed: store.ARCDestructionRecord[];
	
	    static createFrom(source: any = {}) {
	        return new AlertARCInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.fields = this.convertValues(source["fields"], store.AlertARC);
	        this.documents = this.convertValues(source["documents"], store.Document);
	        this.destroyed = this.convertValues(source["destroyed"], store.ARCDestructionRecord);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class AlertDetail {
	    alert: store.Alert;
	    positions: store.Position[];
	    log: store.LogEntry[];
	    media: store.Media[];
	
	    static createFrom(source: any = {}) {
	        return new AlertDetail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.alert = this.convertValues(source["alert"], store.Alert);
	        this.positions = this.convertValues(source["positions"], store.Position);
	        this.log = this.convertValues(source["log"], store.LogEntry);
	        this.media = this.convertValues(source["media"], store.Media);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class AlertPage {
	    offset: number;
	    rows: store.Alert[];
	    knownRisk: Record<number, string>;
	
	    static createFrom(source: any = {}) {
	        return new AlertPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.offset = source["offset"];
	        this.rows = this.convertValues(source["rows"], store.Alert);
	        this.knownRisk = source["knownRisk"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class AlertQuery {
	    filter: store.AlertFilter;
	    sort: store.AlertSort;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new AlertQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.filter = this.convertValues(source["filter"], store.AlertFilter);
	        this.sort = this.convertValues(source["sort"], store.AlertSort);
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class CaseView {
	    case: store.CaseFile;
	    next: string[];
	    people: store.Person[];
	    peopleFix: store.PersonChange[];
	    tasks: store.Task[];
	    notes: store.Note[];
	    support: store.Support[];
	    updates: store.Update[];
	    decisions: store.Decision[];
	    timeline: casework.TimelineEntry[];
	    history: store.AuditEntry[];
	    riddor?: riddor.Result;
	    riddorNote: string;
	    alerts: store.Alert[];
	
	    static createFrom(source: any = {}) {
	        return new CaseView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.case = this.convertValues(source["case"], store.CaseFile);
	        this.next = source["next"];
	        this.people = this.convertValues(source["people"], store.Person);
	        this.peopleFix = this.convertValues(source["peopleFix"], store.PersonChange);
	        this.tasks = this.convertValues(source["tasks"], store.Task);
	        this.notes = this.convertValues(source["notes"], store.Note);
	        this.support = this.convertValues(source["support"], store.Support);
	        this.updates = this.convertValues(source["updates"], store.Update);
	        this.decisions = this.convertValues(source["decisions"], store.Decision);
	        this.timeline = this.convertValues(source["timeline"], casework.TimelineEntry);
	        this.history = this.convertValues(source["history"], store.AuditEntry);
	        this.riddor = this.convertValues(source["riddor"], riddor.Result);
	        this.riddorNote = source["riddorNote"];
	        this.alerts = this.convertValues(source["alerts"], store.Alert);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EngineInfo {
	    name: string;
	    label: string;
	    available: boolean;
	    problem: string;
	    warning: string;
	    recommended: boolean;
	
	    static createFrom(source: any = {}) {
	        return new EngineInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.label = source["label"];
	        this.available = source["available"];
	        this.problem = source["problem"];
	        this.warning = source["warning"];
	        this.recommended = source["recommended"];
	    }
	}
	export class EvidenceReport {
	    report: evidence.Report;
	    checked: boolean;
	    nextAt: number;
	
	    static createFrom(source: any = {}) {
	        return new EvidenceReport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.report = this.convertValues(source["report"], evidence.Report);
	        this.checked = source["checked"];
	        this.nextAt = source["nextAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ExhibitView {
	    exhibit: store.Exhibit;
	    continuity: exhibit.Link[];
	
	    static createFrom(source: any = {}) {
	        return new ExhibitView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.exhibit = this.convertValues(source["exhibit"], store.Exhibit);
	        this.continuity = this.convertValues(source["continuity"], exhibit.Link);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ExportResult {
	    cancelled: boolean;
	    path: string;
	    written: number;
	    skipped: number;
	
	    static createFrom(source: any = {}) {
	        return new ExportResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.cancelled = source["cancelled"];
	        this.path = source["path"];
	        this.written = source["written"];
	        this.skipped = source["skipped"];
	    }
	}
	export class HotspotLink {
	    key: string;
	    title: string;
	    description: string;
	    lat: number;
	    lon: number;
	    radiusM: number;
	    count: number;
	    first: number;
	    last: number;
	    teams: geo.TeamCount[];
	    alertIds: number[];
	
	    static createFrom(source: any = {}) {
	        return new HotspotLink(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.title = source["title"];
	        this.description = source["description"];
	        this.lat = source["lat"];
	        this.lon = source["lon"];
	        this.radiusM = source["radiusM"];
	        this.count = source["count"];
	        this.first = source["first"];
	        this.last = source["last"];
	        this.teams = this.convertValues(source["teams"], geo.TeamCount);
	        this.alertIds = source["alertIds"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RiskView {
	    risk: store.Risk;
	    history: store.RiskScore[];
	    links: store.RiskLink[];
	
	    static createFrom(source: any = {}) {
	        return new RiskView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.risk = this.convertValues(source["risk"], store.Risk);
	        this.history = this.convertValues(source["history"], store.RiskScore);
	        this.links = this.convertValues(source["links"], store.RiskLink);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class HotspotRisk {
	    risk: RiskView;
	    created: boolean;
	
	    static createFrom(source: any = {}) {
	        return new HotspotRisk(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.risk = this.convertValues(source["risk"], RiskView);
	        this.created = source["created"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class IndexStatus {
	    building: boolean;
	    done: number;
	    total: number;
	    error: string;
	
	    static createFrom(source: any = {}) {
	        return new IndexStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.building = source["building"];
	        this.done = source["done"];
	        this.total = source["total"];
	        this.error = source["error"];
	    }
	}
	export class KnownRisk {
	    location: store.KnownRiskLocation;
	    overdue: boolean;
	
	    static createFrom(source: any = {}) {
	        return new KnownRisk(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.location = this.convertValues(source["location"], store.KnownRiskLocation);
	        this.overdue = source["overdue"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LetterView {
	    letter: store.Letter;
	    events: store.LetterEvent[];
	    title: string;
	    approvalByAnother: boolean;
	
	    static createFrom(source: any = {}) {
	        return new LetterView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.letter = this.convertValues(source["letter"], store.Letter);
	        this.events = this.convertValues(source["events"], store.LetterEvent);
	        this.title = source["title"];
	        this.approvalByAnother = source["approvalByAnother"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class MapAlert {
	    alert: store.Alert;
	    risks: geo.RiskMatch[];
	
	    static createFrom(source: any = {}) {
	        return new MapAlert(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.alert = this.convertValues(source["alert"], store.Alert);
	        this.risks = this.convertValues(source["risks"], geo.RiskMatch);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class MapSettings {
	    hotspotEpsM: number;
	    hotspotMinPts: number;
	    hotspotValidity: string[];
	    knownRiskRadiusM: number;
	    caseRiskRadiusM: number;
	    basemap: string;
	    tileFile: string;
	    tileUrl: string;
	    tileAttribution: string;
	
	    static createFrom(source: any = {}) {
	        return new MapSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.hotspotEpsM = source["hotspotEpsM"];
	        this.hotspotMinPts = source["hotspotMinPts"];
	        this.hotspotValidity = source["hotspotValidity"];
	        this.knownRiskRadiusM = source["knownRiskRadiusM"];
	        this.caseRiskRadiusM = source["caseRiskRadiusM"];
	        this.basemap = source["basemap"];
	        this.tileFile = source["tileFile"];
	        this.tileUrl = source["tileUrl"];
	        this.tileAttribution = source["tileAttribution"];
	    }
	}
	export class MapSettingsView {
	    settings: MapSettings;
	    tileLayer: string;
	    tileInfo?: tiles.Info;
	    tileProblem: string;
	    offline: boolean;
	
	    static createFrom(source: any = {}) {
	        return new MapSettingsView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.settings = this.convertValues(source["settings"], MapSettings);
	        this.tileLayer = source["tileLayer"];
	        this.tileInfo = this.convertValues(source["tileInfo"], tiles.Info);
	        this.tileProblem = source["tileProblem"];
	        this.offline = source["offline"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class MapView {
	    view: geo.View;
	    risks: Record<number, Array<geo.RiskMatch>>;
	
	    static createFrom(source: any = {}) {
	        return new MapView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.view = this.convertValues(source["view"], geo.View);
	        this.risks = this.convertValues(source["risks"], Array<geo.RiskMatch>, true);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PackageCheck {
	    chosen: boolean;
	    report: bundle.Report;
	
	    static createFrom(source: any = {}) {
	        return new PackageCheck(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.chosen = source["chosen"];
	        this.report = this.convertValues(source["report"], bundle.Report);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PackageChoice {
	    redacted: boolean;
	    zip: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PackageChoice(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.redacted = source["redacted"];
	        this.zip = source["zip"];
	    }
	}
	export class PastImport {
	    id: number;
	    startedAt: number;
	    finishedAt: number;
	    source: string;
	    profile: string;
	    importedBy: string;
	    status: string;
	    summary: string;
	    files: store.ImportFile[];
	    problems: number;
	    quarantined: number;
	
	    static createFrom(source: any = {}) {
	        return new PastImport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.startedAt = source["startedAt"];
	        this.finishedAt = source["finishedAt"];
	        this.source = source["source"];
	        this.profile = source["profile"];
	        this.importedBy = source["importedBy"];
	        this.status = source["status"];
	        this.summary = source["summary"];
	        this.files = this.convertValues(source["files"], store.ImportFile);
	        this.problems = source["problems"];
	        this.quarantined = source["quarantined"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Picked {
	    token: string;
	    name: string;
	    kind: string;
	
	    static createFrom(source: any = {}) {
	        return new Picked(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.token = source["token"];
	        this.name = source["name"];
	        this.kind = source["kind"];
	    }
	}
	export class ProfileInfo {
	    name: string;
	    description: string;
	    saved: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ProfileInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.description = source["description"];
	        this.saved = source["saved"];
	    }
	}
	export class QuarantinedRow {
	    file: string;
	    kind: string;
	    line: number;
	    ref: string;
	    problems: string[];
	
	    static createFrom(source: any = {}) {
	        return new QuarantinedRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.file = source["file"];
	        this.kind = source["kind"];
	        this.line = source["line"];
	        this.ref = source["ref"];
	        this.problems = source["problems"];
	    }
	}
	export class Quarantine {
	    importId: number;
	    total: number;
	    rows: QuarantinedRow[];
	
	    static createFrom(source: any = {}) {
	        return new Quarantine(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.importId = source["importId"];
	        this.total = source["total"];
	        this.rows = this.convertValues(source["rows"], QuarantinedRow);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Shortcut {
	    key: string;
	    action: string;
	
	    static createFrom(source: any = {}) {
	        return new Shortcut(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.action = source["action"];
	    }
	}
	export class RecordingInfo {
	    media: store.Media;
	    alertRef: string;
	    alertType: string;
	    decoded: audio.Info;
	    playable: boolean;
	    problem: string;
	    lengthNote: string;
	    canConvert: boolean;
	    provenance?: store.Provenance;
	    shortcuts: Shortcut[];
	    skipMs: number;
	    rewindMs: number;
	    speedStep: number;
	    derivatives: store.Media[];
	
	    static createFrom(source: any = {}) {
	        return new RecordingInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.media = this.convertValues(source["media"], store.Media);
	        this.alertRef = source["alertRef"];
	        this.alertType = source["alertType"];
	        this.decoded = this.convertValues(source["decoded"], audio.Info);
	        this.playable = source["playable"];
	        this.problem = source["problem"];
	        this.lengthNote = source["lengthNote"];
	        this.canConvert = source["canConvert"];
	        this.provenance = this.convertValues(source["provenance"], store.Provenance);
	        this.shortcuts = this.convertValues(source["shortcuts"], Shortcut);
	        this.skipMs = source["skipMs"];
	        this.rewindMs = source["rewindMs"];
	        this.speedStep = source["speedStep"];
	        this.derivatives = this.convertValues(source["derivatives"], store.Media);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RetentionPolicy {
	    policy: retention.Policy;
	    default: retention.Policy;
	
	    static createFrom(source: any = {}) {
	        return new RetentionPolicy(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.policy = this.convertValues(source["policy"], retention.Policy);
	        this.default = this.convertValues(source["default"], retention.Policy);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ReviewCatalogue {
	    citation: string;
	    factors: review.Factor[];
	    aar: review.Factor[];
	    factorCategories: Record<string, string>;
	    supportRatings: Record<string, string>;
	    actionStatuses: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new ReviewCatalogue(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.citation = source["citation"];
	        this.factors = this.convertValues(source["factors"], review.Factor);
	        this.aar = this.convertValues(source["aar"], review.Factor);
	        this.factorCategories = source["factorCategories"];
	        this.supportRatings = source["supportRatings"];
	        this.actionStatuses = source["actionStatuses"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ReviewView {
	    review: store.Review;
	    factors: store.ContributingFactor[];
	    actions: store.ReviewAction[];
	    missing: review.Gap[];
	
	    static createFrom(source: any = {}) {
	        return new ReviewView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.review = this.convertValues(source["review"], store.Review);
	        this.factors = this.convertValues(source["factors"], store.ContributingFactor);
	        this.actions = this.convertValues(source["actions"], store.ReviewAction);
	        this.missing = this.convertValues(source["missing"], review.Gap);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RiskCatalogue {
	    consequences: string[];
	    likelihoods: string[];
	    bands: risk.Band[];
	
	    static createFrom(source: any = {}) {
	        return new RiskCatalogue(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.consequences = source["consequences"];
	        this.likelihoods = source["likelihoods"];
	        this.bands = this.convertValues(source["bands"], risk.Band);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class SignedInPerson {
	    login: string;
	    name: string;
	    role: string;
	    roleLabel: string;
	    team: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SignedInPerson(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.login = source["login"];
	        this.name = source["name"];
	        this.role = source["role"];
	        this.roleLabel = source["roleLabel"];
	        this.team = source["team"];
	    }
	}
	export class StartOptions {
	    profile: string;
	    partial: boolean;
	    runId: string;
	
	    static createFrom(source: any = {}) {
	        return new StartOptions(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.profile = source["profile"];
	        this.partial = source["partial"];
	        this.runId = source["runId"];
	    }
	}
	export class TeamCheck {
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new TeamCheck(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.message = source["message"];
	    }
	}
	export class TrendsAccess {
	    drillDown: boolean;
	
	    static createFrom(source: any = {}) {
	        return new TrendsAccess(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.drillDown = source["drillDown"];
	    }
	}
	export class TriageDetail {
	    alert: AlertDetail;
	    history: store.Triage[];
	    retention: retention.View[];
	    destructions: store.DestructionRecord[];
	    cases: store.CaseFile[];
	    now: number;
	
	    static createFrom(source: any = {}) {
	        return new TriageDetail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.alert = this.convertValues(source["alert"], AlertDetail);
	        this.history = this.convertValues(source["history"], store.Triage);
	        this.retention = this.convertValues(source["retention"], retention.View);
	        this.destructions = this.convertValues(source["destructions"], store.DestructionRecord);
	        this.cases = this.convertValues(source["cases"], store.CaseFile);
	        this.now = source["now"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class WaveformPreparation {
	    running: boolean;
	    state: recording.Preparation;
	
	    static createFrom(source: any = {}) {
	        return new WaveformPreparation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.running = source["running"];
	        this.state = this.convertValues(source["state"], recording.Preparation);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class WhisperSettings {
	    program: string;
	    model: string;
	    vadModel: string;
	    threads: number;
	
	    static createFrom(source: any = {}) {
	        return new WhisperSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.program = source["program"];
	        this.model = source["model"];
	        this.vadModel = source["vadModel"];
	        this.threads = source["threads"];
	    }
	}
	export class WorkspaceStatus {
	    open: boolean;
	    dataDir: string;
	    team: boolean;
	    teamFromEnv: boolean;
	    teamAddress?: string;
	    connection?: teamprofile.Connection;
	    savedPassword: boolean;
	    problem?: string;
	    problemField?: string;
	    laptopDatabase: boolean;
	
	    static createFrom(source: any = {}) {
	        return new WorkspaceStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.open = source["open"];
	        this.dataDir = source["dataDir"];
	        this.team = source["team"];
	        this.teamFromEnv = source["teamFromEnv"];
	        this.teamAddress = source["teamAddress"];
	        this.connection = this.convertValues(source["connection"], teamprofile.Connection);
	        this.savedPassword = source["savedPassword"];
	        this.problem = source["problem"];
	        this.problemField = source["problemField"];
	        this.laptopDatabase = source["laptopDatabase"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace recording {
	
	export class Preparation {
	    done: number;
	    total: number;
	    current: string;
	    failed: number;
	
	    static createFrom(source: any = {}) {
	        return new Preparation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.done = source["done"];
	        this.total = source["total"];
	        this.current = source["current"];
	        this.failed = source["failed"];
	    }
	}
	export class Span {
	    fromMs: number;
	    toMs: number;
	    durationMs: number;
	    min: number[];
	    max: number[];
	
	    static createFrom(source: any = {}) {
	        return new Span(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.fromMs = source["fromMs"];
	        this.toMs = source["toMs"];
	        this.durationMs = source["durationMs"];
	        this.min = source["min"];
	        this.max = source["max"];
	    }
	}
	export class SpeechStretch {
	    fromMs: number;
	    toMs: number;
	
	    static createFrom(source: any = {}) {
	        return new SpeechStretch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.fromMs = source["fromMs"];
	        this.toMs = source["toMs"];
	    }
	}
	export class Status {
	    mediaId: number;
	    state: string;
	    playing: boolean;
	    positionMs: number;
	    durationMs: number;
	    speed: number;
	    volume: number;
	    enhance: boolean;
	    hasDevice: boolean;
	    deviceNote: string;
	    error?: string;
	    seq: number;
	
	    static createFrom(source: any = {}) {
	        return new Status(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mediaId = source["mediaId"];
	        this.state = source["state"];
	        this.playing = source["playing"];
	        this.positionMs = source["positionMs"];
	        this.durationMs = source["durationMs"];
	        this.speed = source["speed"];
	        this.volume = source["volume"];
	        this.enhance = source["enhance"];
	        this.hasDevice = source["hasDevice"];
	        this.deviceNote = source["deviceNote"];
	        this.error = source["error"];
	        this.seq = source["seq"];
	    }
	}

}

export namespace retention {
	
	export class Period {
	    n: number;
	    unit: string;
	
	    static createFrom(source: any = {}) {
	        return new Period(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.n = source["n"];
	        this.unit = source["unit"];
	    }
	}
	export class Policy {
	    falseRed: Period;
	    testRed: Period;
	    genuineRed: Period;
	    precautionaryRed: Period;
	    duplicateRed: Period;
	    amber: Period;
	    amberSameDay: Period;
	
	    static createFrom(source: any = {}) {
	        return new Policy(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.falseRed = this.convertValues(source["falseRed"], Period);
	        this.testRed = this.convertValues(source["testRed"], Period);
	        this.genuineRed = this.convertValues(source["genuineRed"], Period);
	        this.precautionaryRed = this.convertValues(source["precautionaryRed"], Period);
	        this.duplicateRed = this.convertValues(source["duplicateRed"], Period);
	        this.amber = this.convertValues(source["amber"], Period);
	        this.amberSameDay = this.convertValues(source["amberSameDay"], Period);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class View {
	    mediaId: number;
	    name: string;
	    sha256: string;
	    ruleText: string;
	    dueAt: number;
	    kept: string;
	
	    static createFrom(source: any = {}) {
	        return new View(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mediaId = source["mediaId"];
	        this.name = source["name"];
	        this.sha256 = source["sha256"];
	        this.ruleText = source["ruleText"];
	        this.dueAt = source["dueAt"];
	        this.kept = source["kept"];
	    }
	}

}

export namespace review {
	
	export class Factor {
	    key: string;
	    label: string;
	    hint: string;
	
	    static createFrom(source: any = {}) {
	        return new Factor(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	        this.hint = source["hint"];
	    }
	}
	export class Gap {
	    field: string;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new Gap(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.label = source["label"];
	    }
	}

}

export namespace riddor {
	
	export class Result {
	    class: string;
	    daysCounted: number;
	    stillOff: boolean;
	    reportable: boolean;
	    deadline: string;
	    reportableOn: string;
	    explanation: string;
	
	    static createFrom(source: any = {}) {
	        return new Result(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.class = source["class"];
	        this.daysCounted = source["daysCounted"];
	        this.stillOff = source["stillOff"];
	        this.reportable = source["reportable"];
	        this.deadline = source["deadline"];
	        this.reportableOn = source["reportableOn"];
	        this.explanation = source["explanation"];
	    }
	}

}

export namespace risk {
	
	export class Band {
	    label: string;
	    min: number;
	    max: number;
	    colour: string;
	
	    static createFrom(source: any = {}) {
	        return new Band(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.label = source["label"];
	        this.min = source["min"];
	        this.max = source["max"];
	        this.colour = source["colour"];
	    }
	}
	export class Cell {
	    consequence: number;
	    likelihood: number;
	    rating: number;
	    band: string;
	    colour: string;
	    count: number;
	    refs: string[];
	
	    static createFrom(source: any = {}) {
	        return new Cell(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.consequence = source["consequence"];
	        this.likelihood = source["likelihood"];
	        this.rating = source["rating"];
	        this.band = source["band"];
	        this.colour = source["colour"];
	        this.count = source["count"];
	        this.refs = source["refs"];
	    }
	}
	export class Grid {
	    kind: string;
	    rows: Cell[][];
	    bands: Band[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new Grid(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.rows = this.convertValues(source["rows"], Cell);
	        this.bands = this.convertValues(source["bands"], Band);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class NewScore {
	    kind: string;
	    consequence: number;
	    likelihood: number;
	
	    static createFrom(source: any = {}) {
	        return new NewScore(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.consequence = source["consequence"];
	        this.likelihood = source["likelihood"];
	    }
	}
	export class NewRisk {
	    fields: store.RiskFields;
	    scores: NewScore[];
	    reason: string;
	    caseId: number;
	    links: store.RiskLink[];
	
	    static createFrom(source: any = {}) {
	        return new NewRisk(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.fields = this.convertValues(source["fields"], store.RiskFields);
	        this.scores = this.convertValues(source["scores"], NewScore);
	        this.reason = source["reason"];
	        this.caseId = source["caseId"];
	        this.links = this.convertValues(source["links"], store.RiskLink);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Score {
	    consequence: number;
	    likelihood: number;
	
	    static createFrom(source: any = {}) {
	        return new Score(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.consequence = source["consequence"];
	        this.likelihood = source["likelihood"];
	    }
	}

}

export namespace store {
	
	export class ARCDestructionRecord {
	    id: number;
	    alertId: number;
	    arcRef: string;
	    documentId: number;
	    item: string;
	    sha256: string;
	    size: number;
	    rule: string;
	    ruleText: string;
	    dueAt: number;
	    destroyedAt: number;
	    destroyedBy: string;
	    fileAction: string;
	
	    static createFrom(source: any = {}) {
	        return new ARCDestructionRecord(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.alertId = source["alertId"];
	        this.arcRef = source["arcRef"];
	        this.documentId = source["documentId"];
	        this.item = source["item"];
	        this.sha256 = source["sha256"];
	        this.size = source["size"];
	        this.rule = source["rule"];
	        this.ruleText = source["ruleText"];
	        this.dueAt = source["dueAt"];
	        this.destroyedAt = source["destroyedAt"];
	        this.destroyedBy = source["destroyedBy"];
	        this.fileAction = source["fileAction"];
	    }
	}
	export class Alert {
	    id: number;
	    arc: string;
	    arcRef: string;
	    type: string;
	    trigger: string;
	    workerId: number;
	    workerRef: string;
	    workerName: string;
	    teamId: number;
	    teamName: string;
	    raisedAt: number;
	    answeredAt?: number;
	    closedAt?: number;
	    validity: string;
	    escalation: string;
	    policeRef: string;
	    operator: string;
	    memo: string;
	    lat?: number;
	    lon?: number;
	    accuracyM?: number;
	    mediaCount: number;
	    words?: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new Alert(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.arc = source["arc"];
	        this.arcRef = source["arcRef"];
	        this.type = source["type"];
	        this.trigger = source["trigger"];
	        this.workerId = source["workerId"];
	        this.workerRef = source["workerRef"];
	        this.workerName = source["workerName"];
	        this.teamId = source["teamId"];
	        this.teamName = source["teamName"];
	        this.raisedAt = source["raisedAt"];
	        this.answeredAt = source["answeredAt"];
	        this.closedAt = source["closedAt"];
	        this.validity = source["validity"];
	        this.escalation = source["escalation"];
	        this.policeRef = source["policeRef"];
	        this.operator = source["operator"];
	        this.memo = source["memo"];
	        this.lat = source["lat"];
	        this.lon = source["lon"];
	        this.accuracyM = source["accuracyM"];
	        this.mediaCount = source["mediaCount"];
	        this.words = source["words"];
	    }
	}
	export class AlertARC {
	    alertId: number;
	    address: string;
	    locationSource: string;
	    words: Record<string, string>;
	    extra: string[][];
	
	    static createFrom(source: any = {}) {
	        return new AlertARC(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.alertId = source["alertId"];
	        this.address = source["address"];
	        this.locationSource = source["locationSource"];
	        this.words = source["words"];
	        this.extra = source["extra"];
	    }
	}
	export class AlertFilter {
	    from: number;
	    to: number;
	    types: string[];
	    validity: string[];
	    escalation: string[];
	    teamIds: number[];
	    workerId: number;
	    text: string;
	
	    static createFrom(source: any = {}) {
	        return new AlertFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.types = source["types"];
	        this.validity = source["validity"];
	        this.escalation = source["escalation"];
	        this.teamIds = source["teamIds"];
	        this.workerId = source["workerId"];
	        this.text = source["text"];
	    }
	}
	export class AlertSort {
	    column: string;
	    desc: boolean;
	
	    static createFrom(source: any = {}) {
	        return new AlertSort(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.column = source["column"];
	        this.desc = source["desc"];
	    }
	}
	export class AssignedReview {
	    reviewId: number;
	    caseId: number;
	    caseRef: string;
	    caseTitle: string;
	    incidentAt: number;
	    lineManager: string;
	    dueOn: string;
	    signedOffAt?: number;
	
	    static createFrom(source: any = {}) {
	        return new AssignedReview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.reviewId = source["reviewId"];
	        this.caseId = source["caseId"];
	        this.caseRef = source["caseRef"];
	        this.caseTitle = source["caseTitle"];
	        this.incidentAt = source["incidentAt"];
	        this.lineManager = source["lineManager"];
	        this.dueOn = source["dueOn"];
	        this.signedOffAt = source["signedOffAt"];
	    }
	}
	export class AuditAnchor {
	    seq: number;
	    hash: string;
	
	    static createFrom(source: any = {}) {
	        return new AuditAnchor(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.seq = source["seq"];
	        this.hash = source["hash"];
	    }
	}
	export class AuditEntry {
	    seq: number;
	    at: number;
	    actor: string;
	    action: string;
	    objectType: string;
	    objectId: string;
	    detail: string;
	    prevHash: string;
	    hash: string;
	
	    static createFrom(source: any = {}) {
	        return new AuditEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.seq = source["seq"];
	        this.at = source["at"];
	        this.actor = source["actor"];
	        this.action = source["action"];
	        this.objectType = source["objectType"];
	        this.objectId = source["objectId"];
	        this.detail = source["detail"];
	        this.prevHash = source["prevHash"];
	        this.hash = source["hash"];
	    }
	}
	export class CaseFile {
	    id: number;
	    ref: string;
	    title: string;
	    state: string;
	    origin: string;
	    incidentAt: number;
	    summary: string;
	    workerId: number;
	    workerName: string;
	    teamName: string;
	    openedAt: number;
	    openedBy: string;
	    updatedAt: number;
	    closedAt?: number;
	    legalHold: boolean;
	    legalHoldReason: string;
	    physicalAssault: boolean;
	    policeForce: string;
	    policeOfficer: string;
	    policeRef: string;
	    policeContactedOn: string;
	    riddorOutcome: string;
	    riddorFirstAbsence: string;
	    riddorReturn: string;
	    riddorRef: string;
	    riddorReportedOn: string;
	    reviewSignedOffAt?: number;
	    reviewSignedOffBy: string;
	    riskOutcome: string;
	    riskNoChangeReason: string;
	    riskOutcomeAt?: number;
	    riskOutcomeBy: string;
	    alertIds: number[];
	
	    static createFrom(source: any = {}) {
	        return new CaseFile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.ref = source["ref"];
	        this.title = source["title"];
	        this.state = source["state"];
	        this.origin = source["origin"];
	        this.incidentAt = source["incidentAt"];
	        this.summary = source["summary"];
	        this.workerId = source["workerId"];
	        this.workerName = source["workerName"];
	        this.teamName = source["teamName"];
	        this.openedAt = source["openedAt"];
	        this.openedBy = source["openedBy"];
	        this.updatedAt = source["updatedAt"];
	        this.closedAt = source["closedAt"];
	        this.legalHold = source["legalHold"];
	        this.legalHoldReason = source["legalHoldReason"];
	        this.physicalAssault = source["physicalAssault"];
	        this.policeForce = source["policeForce"];
	        this.policeOfficer = source["policeOfficer"];
	        this.policeRef = source["policeRef"];
	        this.policeContactedOn = source["policeContactedOn"];
	        this.riddorOutcome = source["riddorOutcome"];
	        this.riddorFirstAbsence = source["riddorFirstAbsence"];
	        this.riddorReturn = source["riddorReturn"];
	        this.riddorRef = source["riddorRef"];
	        this.riddorReportedOn = source["riddorReportedOn"];
	        this.reviewSignedOffAt = source["reviewSignedOffAt"];
	        this.reviewSignedOffBy = source["reviewSignedOffBy"];
	        this.riskOutcome = source["riskOutcome"];
	        this.riskNoChangeReason = source["riskNoChangeReason"];
	        this.riskOutcomeAt = source["riskOutcomeAt"];
	        this.riskOutcomeBy = source["riskOutcomeBy"];
	        this.alertIds = source["alertIds"];
	    }
	}
	export class CaseFilter {
	    states: string[];
	    open: boolean;
	    alertId: number;
	
	    static createFrom(source: any = {}) {
	        return new CaseFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.states = source["states"];
	        this.open = source["open"];
	        this.alertId = source["alertId"];
	    }
	}
	export class CasePatch {
	    title?: string;
	    summary?: string;
	    legalHold?: boolean;
	    legalHoldReason?: string;
	    physicalAssault?: boolean;
	    policeForce?: string;
	    policeOfficer?: string;
	    policeRef?: string;
	    policeContactedOn?: string;
	    riddorOutcome?: string;
	    riddorFirstAbsence?: string;
	    riddorReturn?: string;
	    riddorRef?: string;
	    riddorReportedOn?: string;
	
	    static createFrom(source: any = {}) {
	        return new CasePatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.summary = source["summary"];
	        this.legalHold = source["legalHold"];
	        this.legalHoldReason = source["legalHoldReason"];
	        this.physicalAssault = source["physicalAssault"];
	        this.policeForce = source["policeForce"];
	        this.policeOfficer = source["policeOfficer"];
	        this.policeRef = source["policeRef"];
	        this.policeContactedOn = source["policeContactedOn"];
	        this.riddorOutcome = source["riddorOutcome"];
	        this.riddorFirstAbsence = source["riddorFirstAbsence"];
	        this.riddorReturn = source["riddorReturn"];
	        this.riddorRef = source["riddorRef"];
	        this.riddorReportedOn = source["riddorReportedOn"];
	    }
	}
	export class ContributingFactor {
	    id: number;
	    reviewId: number;
	    category: string;
	    description: string;
	    addedAt: number;
	    addedBy: string;
	    noActionReason: string;
	
	    static createFrom(source: any = {}) {
	        return new ContributingFactor(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.reviewId = source["reviewId"];
	        this.category = source["category"];
	        this.description = source["description"];
	        this.addedAt = source["addedAt"];
	        this.addedBy = source["addedBy"];
	        this.noActionReason = source["noActionReason"];
	    }
	}
	export class Decision {
	    id: number;
	    caseId: number;
	    route: string;
	    sanction: string;
	    referredTo: string;
	    reviewOn: string;
	    reasons: string;
	    noFormalAction: boolean;
	    workerBelievesHarm: boolean;
	    lsmsAgrees: boolean;
	    clinicianName: string;
	    clinicianRole: string;
	    clinicianDate: string;
	    clinicianReasons: string;
	    decidedAt: number;
	    decidedBy: string;
	    supersedes?: number;
	    changeReason: string;
	
	    static createFrom(source: any = {}) {
	        return new Decision(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.caseId = source["caseId"];
	        this.route = source["route"];
	        this.sanction = source["sanction"];
	        this.referredTo = source["referredTo"];
	        this.reviewOn = source["reviewOn"];
	        this.reasons = source["reasons"];
	        this.noFormalAction = source["noFormalAction"];
	        this.workerBelievesHarm = source["workerBelievesHarm"];
	        this.lsmsAgrees = source["lsmsAgrees"];
	        this.clinicianName = source["clinicianName"];
	        this.clinicianRole = source["clinicianRole"];
	        this.clinicianDate = source["clinicianDate"];
	        this.clinicianReasons = source["clinicianReasons"];
	        this.decidedAt = source["decidedAt"];
	        this.decidedBy = source["decidedBy"];
	        this.supersedes = source["supersedes"];
	        this.changeReason = source["changeReason"];
	    }
	}
	export class DestructionRecord {
	    id: number;
	    mediaId: number;
	    alertId: number;
	    arcRef: string;
	    item: string;
	    sha256: string;
	    size: number;
	    rule: string;
	    ruleText: string;
	    dueAt: number;
	    destroyedAt: number;
	    destroyedBy: string;
	    fileAction: string;
	
	    static createFrom(source: any = {}) {
	        return new DestructionRecord(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.mediaId = source["mediaId"];
	        this.alertId = source["alertId"];
	        this.arcRef = source["arcRef"];
	        this.item = source["item"];
	        this.sha256 = source["sha256"];
	        this.size = source["size"];
	        this.rule = source["rule"];
	        this.ruleText = source["ruleText"];
	        this.dueAt = source["dueAt"];
	        this.destroyedAt = source["destroyedAt"];
	        this.destroyedBy = source["destroyedBy"];
	        this.fileAction = source["fileAction"];
	    }
	}
	export class Document {
	    id: number;
	    alertId: number;
	    originalName: string;
	    sha256: string;
	    size: number;
	    importId: number;
	
	    static createFrom(source: any = {}) {
	        return new Document(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.alertId = source["alertId"];
	        this.originalName = source["originalName"];
	        this.sha256 = source["sha256"];
	        this.size = source["size"];
	        this.importId = source["importId"];
	    }
	}
	export class Exhibit {
	    id: number;
	    caseId: number;
	    ref: string;
	    initials: string;
	    number: number;
	    producer: string;
	    kind: string;
	    description: string;
	    sourceType: string;
	    sourceId: number;
	    sha256: string;
	    fileName: string;
	    keptAt: string;
	    createdAt: number;
	    createdBy: string;
	
	    static createFrom(source: any = {}) {
	        return new Exhibit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.caseId = source["caseId"];
	        this.ref = source["ref"];
	        this.initials = source["initials"];
	        this.number = source["number"];
	        this.producer = source["producer"];
	        this.kind = source["kind"];
	        this.description = source["description"];
	        this.sourceType = source["sourceType"];
	        this.sourceId = source["sourceId"];
	        this.sha256 = source["sha256"];
	        this.fileName = source["fileName"];
	        this.keptAt = source["keptAt"];
	        this.createdAt = source["createdAt"];
	        this.createdBy = source["createdBy"];
	    }
	}
	export class ImportFile {
	    importId: number;
	    name: string;
	    kind: string;
	    size: number;
	    sha256: string;
	
	    static createFrom(source: any = {}) {
	        return new ImportFile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.importId = source["importId"];
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.size = source["size"];
	        this.sha256 = source["sha256"];
	    }
	}
	export class KnownRiskLocation {
	    id: number;
	    label: string;
	    lat: number;
	    lon: number;
	    radiusM: number;
	    reason: string;
	    addedBy: string;
	    addedAt: number;
	    reviewDate?: number;
	    active: boolean;
	    updatedAt: number;
	
	    static createFrom(source: any = {}) {
	        return new KnownRiskLocation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.label = source["label"];
	        this.lat = source["lat"];
	        this.lon = source["lon"];
	        this.radiusM = source["radiusM"];
	        this.reason = source["reason"];
	        this.addedBy = source["addedBy"];
	        this.addedAt = source["addedAt"];
	        this.reviewDate = source["reviewDate"];
	        this.active = source["active"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class Letter {
	    id: number;
	    ref: string;
	    caseId: number;
	    caseRef: string;
	    decisionId: number;
	    kind: string;
	    status: string;
	    recipient: string;
	    letterDate: string;
	    reviewOn: string;
	    expiresOn: string;
	    templateSha256: string;
	    docxSha256: string;
	    pdfSha256: string;
	    fields: string;
	    createdAt: number;
	    createdBy: string;
	    approvedAt?: number;
	    approvedBy: string;
	    issuedOn: string;
	    issuedMethod: string;
	    issuedAt?: number;
	    issuedBy: string;
	    endedOn: string;
	    endedReason: string;
	    updatedAt: number;
	
	    static createFrom(source: any = {}) {
	        return new Letter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.ref = source["ref"];
	        this.caseId = source["caseId"];
	        this.caseRef = source["caseRef"];
	        this.decisionId = source["decisionId"];
	        this.kind = source["kind"];
	        this.status = source["status"];
	        this.recipient = source["recipient"];
	        this.letterDate = source["letterDate"];
	        this.reviewOn = source["reviewOn"];
	        this.expiresOn = source["expiresOn"];
	        this.templateSha256 = source["templateSha256"];
	        this.docxSha256 = source["docxSha256"];
	        this.pdfSha256 = source["pdfSha256"];
	        this.fields = source["fields"];
	        this.createdAt = source["createdAt"];
	        this.createdBy = source["createdBy"];
	        this.approvedAt = source["approvedAt"];
	        this.approvedBy = source["approvedBy"];
	        this.issuedOn = source["issuedOn"];
	        this.issuedMethod = source["issuedMethod"];
	        this.issuedAt = source["issuedAt"];
	        this.issuedBy = source["issuedBy"];
	        this.endedOn = source["endedOn"];
	        this.endedReason = source["endedReason"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class LetterEvent {
	    at: number;
	    actor: string;
	    from: string;
	    to: string;
	    detail: string;
	
	    static createFrom(source: any = {}) {
	        return new LetterEvent(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.at = source["at"];
	        this.actor = source["actor"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.detail = source["detail"];
	    }
	}
	export class LetterFilter {
	    caseId: number;
	    status: string[];
	
	    static createFrom(source: any = {}) {
	        return new LetterFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.caseId = source["caseId"];
	        this.status = source["status"];
	    }
	}
	export class LogEntry {
	    id: number;
	    alertId: number;
	    at: number;
	    operator: string;
	    action: string;
	    contact: string;
	    result: string;
	    note: string;
	    extra: string[][];
	
	    static createFrom(source: any = {}) {
	        return new LogEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.alertId = source["alertId"];
	        this.at = source["at"];
	        this.operator = source["operator"];
	        this.action = source["action"];
	        this.contact = source["contact"];
	        this.result = source["result"];
	        this.note = source["note"];
	        this.extra = source["extra"];
	    }
	}
	export class MapBox {
	    south: number;
	    west: number;
	    north: number;
	    east: number;
	
	    static createFrom(source: any = {}) {
	        return new MapBox(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.south = source["south"];
	        this.west = source["west"];
	        this.north = source["north"];
	        this.east = source["east"];
	    }
	}
	export class MapPoints {
	    ids: number[];
	    lat: number[];
	    lon: number[];
	    red: boolean[];
	    validity: number[];
	
	    static createFrom(source: any = {}) {
	        return new MapPoints(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ids = source["ids"];
	        this.lat = source["lat"];
	        this.lon = source["lon"];
	        this.red = source["red"];
	        this.validity = source["validity"];
	    }
	}
	export class Media {
	    id: number;
	    alertId: number;
	    kind: string;
	    originalName: string;
	    sha256: string;
	    size: number;
	    codec: string;
	    sampleRate: number;
	    channels: number;
	    durationMs: number;
	    recordedAt?: number;
	    derivedFrom?: number;
	    destroyedAt?: number;
	    kindWord: string;
	
	    static createFrom(source: any = {}) {
	        return new Media(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.alertId = source["alertId"];
	        this.kind = source["kind"];
	        this.originalName = source["originalName"];
	        this.sha256 = source["sha256"];
	        this.size = source["size"];
	        this.codec = source["codec"];
	        this.sampleRate = source["sampleRate"];
	        this.channels = source["channels"];
	        this.durationMs = source["durationMs"];
	        this.recordedAt = source["recordedAt"];
	        this.derivedFrom = source["derivedFrom"];
	        this.destroyedAt = source["destroyedAt"];
	        this.kindWord = source["kindWord"];
	    }
	}
	export class Member {
	    login: string;
	    displayName: string;
	    role: string;
	    addedAt: number;
	    addedBy: string;
	    disabledAt?: number;
	    disabledBy?: string;
	
	    static createFrom(source: any = {}) {
	        return new Member(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.login = source["login"];
	        this.displayName = source["displayName"];
	        this.role = source["role"];
	        this.addedAt = source["addedAt"];
	        this.addedBy = source["addedBy"];
	        this.disabledAt = source["disabledAt"];
	        this.disabledBy = source["disabledBy"];
	    }
	}
	export class NewCase {
	    title: string;
	    origin: string;
	    incidentAt: number;
	    summary: string;
	    workerId: number;
	    alertIds: number[];
	
	    static createFrom(source: any = {}) {
	        return new NewCase(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.origin = source["origin"];
	        this.incidentAt = source["incidentAt"];
	        this.summary = source["summary"];
	        this.workerId = source["workerId"];
	        this.alertIds = source["alertIds"];
	    }
	}
	export class NoteRevision {
	    rev: number;
	    body: string;
	    at: number;
	    by: string;
	
	    static createFrom(source: any = {}) {
	        return new NoteRevision(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rev = source["rev"];
	        this.body = source["body"];
	        this.at = source["at"];
	        this.by = source["by"];
	    }
	}
	export class Note {
	    id: number;
	    caseId: number;
	    createdAt: number;
	    createdBy: string;
	    revisions: NoteRevision[];
	
	    static createFrom(source: any = {}) {
	        return new Note(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.caseId = source["caseId"];
	        this.createdAt = source["createdAt"];
	        this.createdBy = source["createdBy"];
	        this.revisions = this.convertValues(source["revisions"], NoteRevision);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Person {
	    id: number;
	    caseId: number;
	    role: string;
	    name: string;
	    address: string;
	    dateOfBirth: string;
	    nhsNumber: string;
	    relationship: string;
	    contact: string;
	    workerId: number;
	    addedAt: number;
	    addedBy: string;
	
	    static createFrom(source: any = {}) {
	        return new Person(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.caseId = source["caseId"];
	        this.role = source["role"];
	        this.name = source["name"];
	        this.address = source["address"];
	        this.dateOfBirth = source["dateOfBirth"];
	        this.nhsNumber = source["nhsNumber"];
	        this.relationship = source["relationship"];
	        this.contact = source["contact"];
	        this.workerId = source["workerId"];
	        this.addedAt = source["addedAt"];
	        this.addedBy = source["addedBy"];
	    }
	}
	export class PersonChange {
	    personId: number;
	    field: string;
	    old: string;
	    new: string;
	    changedAt: number;
	    changedBy: string;
	
	    static createFrom(source: any = {}) {
	        return new PersonChange(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.personId = source["personId"];
	        this.field = source["field"];
	        this.old = source["old"];
	        this.new = source["new"];
	        this.changedAt = source["changedAt"];
	        this.changedBy = source["changedBy"];
	    }
	}
	export class Position {
	    id: number;
	    alertId: number;
	    fixAt: number;
	    lat: number;
	    lon: number;
	    accuracyM: number;
	    source: string;
	    sourceWord: string;
	    extra: string[][];
	
	    static createFrom(source: any = {}) {
	        return new Position(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.alertId = source["alertId"];
	        this.fixAt = source["fixAt"];
	        this.lat = source["lat"];
	        this.lon = source["lon"];
	        this.accuracyM = source["accuracyM"];
	        this.source = source["source"];
	        this.sourceWord = source["sourceWord"];
	        this.extra = source["extra"];
	    }
	}
	export class Provenance {
	    mediaId: number;
	    sourceId: number;
	    sourceSha256: string;
	    command: string;
	    toolVersion: string;
	    actor: string;
	    at: number;
	
	    static createFrom(source: any = {}) {
	        return new Provenance(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mediaId = source["mediaId"];
	        this.sourceId = source["sourceId"];
	        this.sourceSha256 = source["sourceSha256"];
	        this.command = source["command"];
	        this.toolVersion = source["toolVersion"];
	        this.actor = source["actor"];
	        this.at = source["at"];
	    }
	}
	export class ReviewForm {
	    incidentType: string;
	    severity: number;
	    severityNote: string;
	    recurrence: number;
	    recurrenceNote: string;
	    costHuman: string;
	    costFinancial: string;
	    individuals: string;
	    staffGroups: string;
	    weaknessProcedural: string;
	    weaknessSystematic: string;
	    weaknessTechnological: string;
	    trainingNeeds: string;
	    measuresReview: string;
	    supportRating: string;
	    supportEffectiveness: string;
	    technology: string;
	    aarExpected: string;
	    aarHappened: string;
	    aarDifference: string;
	    aarLearn: string;
	    noActionNeeded: boolean;
	    noActionReason: string;
	
	    static createFrom(source: any = {}) {
	        return new ReviewForm(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.incidentType = source["incidentType"];
	        this.severity = source["severity"];
	        this.severityNote = source["severityNote"];
	        this.recurrence = source["recurrence"];
	        this.recurrenceNote = source["recurrenceNote"];
	        this.costHuman = source["costHuman"];
	        this.costFinancial = source["costFinancial"];
	        this.individuals = source["individuals"];
	        this.staffGroups = source["staffGroups"];
	        this.weaknessProcedural = source["weaknessProcedural"];
	        this.weaknessSystematic = source["weaknessSystematic"];
	        this.weaknessTechnological = source["weaknessTechnological"];
	        this.trainingNeeds = source["trainingNeeds"];
	        this.measuresReview = source["measuresReview"];
	        this.supportRating = source["supportRating"];
	        this.supportEffectiveness = source["supportEffectiveness"];
	        this.technology = source["technology"];
	        this.aarExpected = source["aarExpected"];
	        this.aarHappened = source["aarHappened"];
	        this.aarDifference = source["aarDifference"];
	        this.aarLearn = source["aarLearn"];
	        this.noActionNeeded = source["noActionNeeded"];
	        this.noActionReason = source["noActionReason"];
	    }
	}
	export class Review {
	    id: number;
	    caseId: number;
	    caseRef: string;
	    caseTitle: string;
	    lineManager: string;
	    lineManagerLogin: string;
	    dueOn: string;
	    assignedAt: number;
	    assignedBy: string;
	    form: ReviewForm;
	    updatedAt: number;
	    updatedBy: string;
	    signedOffAt?: number;
	    signedOffBy: string;
	    signedOffRecordedBy: string;
	
	    static createFrom(source: any = {}) {
	        return new Review(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.caseId = source["caseId"];
	        this.caseRef = source["caseRef"];
	        this.caseTitle = source["caseTitle"];
	        this.lineManager = source["lineManager"];
	        this.lineManagerLogin = source["lineManagerLogin"];
	        this.dueOn = source["dueOn"];
	        this.assignedAt = source["assignedAt"];
	        this.assignedBy = source["assignedBy"];
	        this.form = this.convertValues(source["form"], ReviewForm);
	        this.updatedAt = source["updatedAt"];
	        this.updatedBy = source["updatedBy"];
	        this.signedOffAt = source["signedOffAt"];
	        this.signedOffBy = source["signedOffBy"];
	        this.signedOffRecordedBy = source["signedOffRecordedBy"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ReviewAction {
	    id: number;
	    reviewId: number;
	    caseId: number;
	    caseRef: string;
	    factorId: number;
	    description: string;
	    owner: string;
	    dueOn: string;
	    status: string;
	    note: string;
	    createdAt: number;
	    createdBy: string;
	    updatedAt: number;
	    updatedBy: string;
	
	    static createFrom(source: any = {}) {
	        return new ReviewAction(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.reviewId = source["reviewId"];
	        this.caseId = source["caseId"];
	        this.caseRef = source["caseRef"];
	        this.factorId = source["factorId"];
	        this.description = source["description"];
	        this.owner = source["owner"];
	        this.dueOn = source["dueOn"];
	        this.status = source["status"];
	        this.note = source["note"];
	        this.createdAt = source["createdAt"];
	        this.createdBy = source["createdBy"];
	        this.updatedAt = source["updatedAt"];
	        this.updatedBy = source["updatedBy"];
	    }
	}
	
	export class ReviewSeen {
	    at: number;
	    by: string;
	
	    static createFrom(source: any = {}) {
	        return new ReviewSeen(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.at = source["at"];
	        this.by = source["by"];
	    }
	}
	export class RiskScore {
	    id: number;
	    riskId: number;
	    kind: string;
	    consequence: number;
	    likelihood: number;
	    rating: number;
	    band: string;
	    bandSet: string;
	    reason: string;
	    caseId: number;
	    caseRef: string;
	    scoredAt: number;
	    scoredBy: string;
	
	    static createFrom(source: any = {}) {
	        return new RiskScore(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.riskId = source["riskId"];
	        this.kind = source["kind"];
	        this.consequence = source["consequence"];
	        this.likelihood = source["likelihood"];
	        this.rating = source["rating"];
	        this.band = source["band"];
	        this.bandSet = source["bandSet"];
	        this.reason = source["reason"];
	        this.caseId = source["caseId"];
	        this.caseRef = source["caseRef"];
	        this.scoredAt = source["scoredAt"];
	        this.scoredBy = source["scoredBy"];
	    }
	}
	export class Risk {
	    id: number;
	    ref: string;
	    title: string;
	    description: string;
	    cause: string;
	    consequence: string;
	    affected: string;
	    controls: string;
	    gaps: string;
	    actions: string;
	    owner: string;
	    reviewOn: string;
	    status: string;
	    createdAt: number;
	    createdBy: string;
	    updatedAt: number;
	    updatedBy: string;
	    inherent?: RiskScore;
	    current?: RiskScore;
	    target?: RiskScore;
	
	    static createFrom(source: any = {}) {
	        return new Risk(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.ref = source["ref"];
	        this.title = source["title"];
	        this.description = source["description"];
	        this.cause = source["cause"];
	        this.consequence = source["consequence"];
	        this.affected = source["affected"];
	        this.controls = source["controls"];
	        this.gaps = source["gaps"];
	        this.actions = source["actions"];
	        this.owner = source["owner"];
	        this.reviewOn = source["reviewOn"];
	        this.status = source["status"];
	        this.createdAt = source["createdAt"];
	        this.createdBy = source["createdBy"];
	        this.updatedAt = source["updatedAt"];
	        this.updatedBy = source["updatedBy"];
	        this.inherent = this.convertValues(source["inherent"], RiskScore);
	        this.current = this.convertValues(source["current"], RiskScore);
	        this.target = this.convertValues(source["target"], RiskScore);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RiskFields {
	    title: string;
	    description: string;
	    cause: string;
	    consequence: string;
	    affected: string;
	    controls: string;
	    gaps: string;
	    actions: string;
	    owner: string;
	    reviewOn: string;
	    status: string;
	
	    static createFrom(source: any = {}) {
	        return new RiskFields(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.description = source["description"];
	        this.cause = source["cause"];
	        this.consequence = source["consequence"];
	        this.affected = source["affected"];
	        this.controls = source["controls"];
	        this.gaps = source["gaps"];
	        this.actions = source["actions"];
	        this.owner = source["owner"];
	        this.reviewOn = source["reviewOn"];
	        this.status = source["status"];
	    }
	}
	export class RiskFilter {
	    status: string;
	    text: string;
	    band: string;
	
	    static createFrom(source: any = {}) {
	        return new RiskFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.status = source["status"];
	        this.text = source["text"];
	        this.band = source["band"];
	    }
	}
	export class RiskLink {
	    riskId: number;
	    kind: string;
	    target: string;
	    label: string;
	    note: string;
	    linkedAt: number;
	    linkedBy: string;
	
	    static createFrom(source: any = {}) {
	        return new RiskLink(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.riskId = source["riskId"];
	        this.kind = source["kind"];
	        this.target = source["target"];
	        this.label = source["label"];
	        this.note = source["note"];
	        this.linkedAt = source["linkedAt"];
	        this.linkedBy = source["linkedBy"];
	    }
	}
	
	export class Support {
	    id: number;
	    caseId: number;
	    kind: string;
	    offeredOn: string;
	    takenUp: string;
	    note: string;
	    recordedAt: number;
	    recordedBy: string;
	
	    static createFrom(source: any = {}) {
	        return new Support(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.caseId = source["caseId"];
	        this.kind = source["kind"];
	        this.offeredOn = source["offeredOn"];
	        this.takenUp = source["takenUp"];
	        this.note = source["note"];
	        this.recordedAt = source["recordedAt"];
	        this.recordedBy = source["recordedBy"];
	    }
	}
	export class Task {
	    id: number;
	    caseId: number;
	    caseRef: string;
	    title: string;
	    owner: string;
	    dueOn: string;
	    createdAt: number;
	    createdBy: string;
	    doneAt?: number;
	    doneBy: string;
	
	    static createFrom(source: any = {}) {
	        return new Task(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.caseId = source["caseId"];
	        this.caseRef = source["caseRef"];
	        this.title = source["title"];
	        this.owner = source["owner"];
	        this.dueOn = source["dueOn"];
	        this.createdAt = source["createdAt"];
	        this.createdBy = source["createdBy"];
	        this.doneAt = source["doneAt"];
	        this.doneBy = source["doneBy"];
	    }
	}
	export class Team {
	    id: number;
	    name: string;
	    staffGroup: string;
	    base: string;
	    workers: number;
	
	    static createFrom(source: any = {}) {
	        return new Team(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.staffGroup = source["staffGroup"];
	        this.base = source["base"];
	        this.workers = source["workers"];
	    }
	}
	export class TranscriptRevision {
	    transcriptId: number;
	    rev: number;
	    at: number;
	    actor: string;
	    summary: string;
	    segments?: string;
	
	    static createFrom(source: any = {}) {
	        return new TranscriptRevision(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.transcriptId = source["transcriptId"];
	        this.rev = source["rev"];
	        this.at = source["at"];
	        this.actor = source["actor"];
	        this.summary = source["summary"];
	        this.segments = source["segments"];
	    }
	}
	export class Triage {
	    id: number;
	    alertId: number;
	    category: string;
	    reason: string;
	    categorisedBy: string;
	    categorisedAt: number;
	    supersedes?: number;
	
	    static createFrom(source: any = {}) {
	        return new Triage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.alertId = source["alertId"];
	        this.category = source["category"];
	        this.reason = source["reason"];
	        this.categorisedBy = source["categorisedBy"];
	        this.categorisedAt = source["categorisedAt"];
	        this.supersedes = source["supersedes"];
	    }
	}
	export class TriageRow {
	    alert: Alert;
	    category: string;
	    categorisedAt: number;
	    caseId: number;
	    caseRef: string;
	
	    static createFrom(source: any = {}) {
	        return new TriageRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.alert = this.convertValues(source["alert"], Alert);
	        this.category = source["category"];
	        this.categorisedAt = source["categorisedAt"];
	        this.caseId = source["caseId"];
	        this.caseRef = source["caseRef"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Update {
	    id: number;
	    caseId: number;
	    person: string;
	    role: string;
	    onDay: string;
	    method: string;
	    summary: string;
	    recordedAt: number;
	    recordedBy: string;
	
	    static createFrom(source: any = {}) {
	        return new Update(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.caseId = source["caseId"];
	        this.person = source["person"];
	        this.role = source["role"];
	        this.onDay = source["onDay"];
	        this.method = source["method"];
	        this.summary = source["summary"];
	        this.recordedAt = source["recordedAt"];
	        this.recordedBy = source["recordedBy"];
	    }
	}

}

export namespace teamprofile {
	
	export class Connection {
	    host: string;
	    port: number;
	    database: string;
	    user: string;
	
	    static createFrom(source: any = {}) {
	        return new Connection(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.host = source["host"];
	        this.port = source["port"];
	        this.database = source["database"];
	        this.user = source["user"];
	    }
	}
	export class Form {
	    host: string;
	    port: string;
	    database: string;
	    user: string;
	    password: string;
	
	    static createFrom(source: any = {}) {
	        return new Form(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.host = source["host"];
	        this.port = source["port"];
	        this.database = source["database"];
	        this.user = source["user"];
	        this.password = source["password"];
	    }
	}

}

export namespace tiles {
	
	export class Info {
	    path: string;
	    kind: string;
	    format: string;
	    minZoom: number;
	    maxZoom: number;
	    name: string;
	    attribution: string;
	
	    static createFrom(source: any = {}) {
	        return new Info(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.kind = source["kind"];
	        this.format = source["format"];
	        this.minZoom = source["minZoom"];
	        this.maxZoom = source["maxZoom"];
	        this.name = source["name"];
	        this.attribution = source["attribution"];
	    }
	}

}

export namespace transcript {
	
	export class Word {
	    startMs: number;
	    endMs: number;
	    text: string;
	    confidence: number;
	
	    static createFrom(source: any = {}) {
	        return new Word(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.startMs = source["startMs"];
	        this.endMs = source["endMs"];
	        this.text = source["text"];
	        this.confidence = source["confidence"];
	    }
	}
	export class Segment {
	    startMs: number;
	    endMs: number;
	    speaker: string;
	    text: string;
	    confidence: number;
	    words?: Word[];
	
	    static createFrom(source: any = {}) {
	        return new Segment(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.startMs = source["startMs"];
	        this.endMs = source["endMs"];
	        this.speaker = source["speaker"];
	        this.text = source["text"];
	        this.confidence = source["confidence"];
	        this.words = this.convertValues(source["words"], Word);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Doc {
	    id: number;
	    mediaId: number;
	    engine: string;
	    engineDetail: string;
	    status: string;
	    caseRef: string;
	    exhibitRef: string;
	    speakers: string[];
	    allSpeakers: string[];
	    transcribedBy: string;
	    transcribedAt?: number;
	    checkedBy: string;
	    checkedAt?: number;
	    createdBy: string;
	    createdAt: number;
	    revision: number;
	    segments: Segment[];
	
	    static createFrom(source: any = {}) {
	        return new Doc(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.mediaId = source["mediaId"];
	        this.engine = source["engine"];
	        this.engineDetail = source["engineDetail"];
	        this.status = source["status"];
	        this.caseRef = source["caseRef"];
	        this.exhibitRef = source["exhibitRef"];
	        this.speakers = source["speakers"];
	        this.allSpeakers = source["allSpeakers"];
	        this.transcribedBy = source["transcribedBy"];
	        this.transcribedAt = source["transcribedAt"];
	        this.checkedBy = source["checkedBy"];
	        this.checkedAt = source["checkedAt"];
	        this.createdBy = source["createdBy"];
	        this.createdAt = source["createdAt"];
	        this.revision = source["revision"];
	        this.segments = this.convertValues(source["segments"], Segment);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Edit {
	    id: number;
	    base: number;
	    segments: Segment[];
	    speakers: string[];
	    caseRef: string;
	    exhibitRef: string;
	
	    static createFrom(source: any = {}) {
	        return new Edit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.base = source["base"];
	        this.segments = this.convertValues(source["segments"], Segment);
	        this.speakers = source["speakers"];
	        this.caseRef = source["caseRef"];
	        this.exhibitRef = source["exhibitRef"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	

}

export namespace trends {
	
	export class BandMove {
	    from: string;
	    to: string;
	    n: number | { suppressed: true } | null;
	
	    static createFrom(source: any = {}) {
	        return new BandMove(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.n = source["n"];
	    }
	}
	export class BehindItem {
	    kind: string;
	    id: number;
	    reference: string;
	    at: number;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new BehindItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.id = source["id"];
	        this.reference = source["reference"];
	        this.at = source["at"];
	        this.label = source["label"];
	    }
	}
	export class Behind {
	    measure: string;
	    title: string;
	    period: string;
	    label: string;
	    key: string;
	    shared: boolean;
	    kind: string;
	    total: number;
	    offset: number;
	    items: BehindItem[];
	
	    static createFrom(source: any = {}) {
	        return new Behind(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.measure = source["measure"];
	        this.title = source["title"];
	        this.period = source["period"];
	        this.label = source["label"];
	        this.key = source["key"];
	        this.shared = source["shared"];
	        this.kind = source["kind"];
	        this.total = source["total"];
	        this.offset = source["offset"];
	        this.items = this.convertValues(source["items"], BehindItem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Column {
	    name: string;
	    values: Array<number | { suppressed: true } | null>;
	
	    static createFrom(source: any = {}) {
	        return new Column(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.values = source["values"];
	    }
	}
	export class GroupRow {
	    groupId: number;
	    staffGroup: string;
	    workers: number | { suppressed: true } | null;
	    red: number | { suppressed: true } | null;
	    incidents: number | { suppressed: true } | null;
	    perThousand: number | { suppressed: true } | null;
	
	    static createFrom(source: any = {}) {
	        return new GroupRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.groupId = source["groupId"];
	        this.staffGroup = source["staffGroup"];
	        this.workers = source["workers"];
	        this.red = source["red"];
	        this.incidents = source["incidents"];
	        this.perThousand = source["perThousand"];
	    }
	}
	export class Signal {
	    period: string;
	    rules: string[];
	    type: string;
	
	    static createFrom(source: any = {}) {
	        return new Signal(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.period = source["period"];
	        this.rules = source["rules"];
	        this.type = source["type"];
	    }
	}
	export class Point {
	    period: string;
	    label: string;
	    part: boolean;
	    value: number | { suppressed: true } | null;
	    rules: string[];
	    type: string;
	
	    static createFrom(source: any = {}) {
	        return new Point(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.period = source["period"];
	        this.label = source["label"];
	        this.part = source["part"];
	        this.value = source["value"];
	        this.rules = source["rules"];
	        this.type = source["type"];
	    }
	}
	export class Measure {
	    id: string;
	    title: string;
	    unit: string;
	    better: string;
	    target?: number;
	    points: Point[];
	    columns: Column[];
	    mean?: number;
	    upperLimit?: number;
	    lowerLimit?: number;
	    upperNear?: number;
	    lowerNear?: number;
	    signals: Signal[];
	    variation: string;
	    assurance: string;
	    commentary: string;
	    note: string;
	    denominator: string;
	    breakdown: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Measure(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.unit = source["unit"];
	        this.better = source["better"];
	        this.target = source["target"];
	        this.points = this.convertValues(source["points"], Point);
	        this.columns = this.convertValues(source["columns"], Column);
	        this.mean = source["mean"];
	        this.upperLimit = source["upperLimit"];
	        this.lowerLimit = source["lowerLimit"];
	        this.upperNear = source["upperNear"];
	        this.lowerNear = source["lowerNear"];
	        this.signals = this.convertValues(source["signals"], Signal);
	        this.variation = source["variation"];
	        this.assurance = source["assurance"];
	        this.commentary = source["commentary"];
	        this.note = source["note"];
	        this.denominator = source["denominator"];
	        this.breakdown = source["breakdown"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Query {
	    from: string;
	    to: string;
	    by: string;
	    shared: boolean;
	    run: number;
	
	    static createFrom(source: any = {}) {
	        return new Query(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.by = source["by"];
	        this.shared = source["shared"];
	        this.run = source["run"];
	    }
	}
	export class RiskMovement {
	    bands: string[];
	    moves: BandMove[];
	
	    static createFrom(source: any = {}) {
	        return new RiskMovement(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.bands = source["bands"];
	        this.moves = this.convertValues(source["moves"], BandMove);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TeamRow {
	    teamId: number;
	    team: string;
	    staffGroup: string;
	    workers: number | { suppressed: true } | null;
	    red: number | { suppressed: true } | null;
	    incidents: number | { suppressed: true } | null;
	    perThousand: number | { suppressed: true } | null;
	    noAmber: number | { suppressed: true } | null;
	
	    static createFrom(source: any = {}) {
	        return new TeamRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.teamId = source["teamId"];
	        this.team = source["team"];
	        this.staffGroup = source["staffGroup"];
	        this.workers = source["workers"];
	        this.red = source["red"];
	        this.incidents = source["incidents"];
	        this.perThousand = source["perThousand"];
	        this.noAmber = source["noAmber"];
	    }
	}
	export class Rules {
	    run: number;
	    trend: number;
	    minPoints: number;
	    screenOutliers: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Rules(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.run = source["run"];
	        this.trend = source["trend"];
	        this.minPoints = source["minPoints"];
	        this.screenOutliers = source["screenOutliers"];
	    }
	}
	export class Report {
	    from: string;
	    to: string;
	    by: string;
	    shared: boolean;
	    rules: Rules;
	    measures: Measure[];
	    teams: TeamRow[];
	    teamsTotal: TeamRow;
	    staffGroups: GroupRow[];
	    staffGroupsTotal: GroupRow;
	    riskMovement: RiskMovement;
	    denominator: string;
	    snapshot: Column[];
	    notice: string;
	
	    static createFrom(source: any = {}) {
	        return new Report(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.by = source["by"];
	        this.shared = source["shared"];
	        this.rules = this.convertValues(source["rules"], Rules);
	        this.measures = this.convertValues(source["measures"], Measure);
	        this.teams = this.convertValues(source["teams"], TeamRow);
	        this.teamsTotal = this.convertValues(source["teamsTotal"], TeamRow);
	        this.staffGroups = this.convertValues(source["staffGroups"], GroupRow);
	        this.staffGroupsTotal = this.convertValues(source["staffGroupsTotal"], GroupRow);
	        this.riskMovement = this.convertValues(source["riskMovement"], RiskMovement);
	        this.denominator = source["denominator"];
	        this.snapshot = this.convertValues(source["snapshot"], Column);
	        this.notice = source["notice"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	
	
	export class Value {
	    V: number;
	    Known: boolean;
	    Suppressed: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Value(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.V = source["V"];
	        this.Known = source["Known"];
	        this.Suppressed = source["Suppressed"];
	    }
	}

}

