export namespace main {
	
	export class AboutInfo {
	    version: string;
	    commit: string;
	    goVersion: string;
	    platform: string;
	    dataDir: string;
	    database: string;
	    schema: number;
	
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
	
	    static createFrom(source: any = {}) {
	        return new AlertPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.offset = source["offset"];
	        this.rows = this.convertValues(source["rows"], store.Alert);
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
	export class WorkspaceStatus {
	    open: boolean;
	    dataDir: string;
	
	    static createFrom(source: any = {}) {
	        return new WorkspaceStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.open = source["open"];
	        this.dataDir = source["dataDir"];
	    }
	}

}

export namespace store {
	
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
	export class LogEntry {
	    id: number;
	    alertId: number;
	    at: number;
	    operator: string;
	    action: string;
	    contact: string;
	    result: string;
	    note: string;
	
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

}

