-- The knowledge base's schema as the release before migrations (commit df63d3e) created it
-- on sqlite: SQLModel.metadata.create_all, frozen here for tests/test_migrations.py.

CREATE TABLE cases (
	case_number VARCHAR(20) NOT NULL,
	subject VARCHAR,
	PRIMARY KEY (case_number)
);

CREATE TABLE ingest_log (
	id INTEGER NOT NULL,
	run_id VARCHAR(40) NOT NULL,
	path VARCHAR NOT NULL,
	content_hash VARCHAR(64),
	document_id VARCHAR(80),
	status VARCHAR(20) NOT NULL,
	message VARCHAR,
	at DATETIME NOT NULL,
	PRIMARY KEY (id)
);

CREATE INDEX ix_ingest_log_run_id ON ingest_log (run_id);

CREATE TABLE ministries (
	name VARCHAR(160) NOT NULL,
	abbreviation VARCHAR(20),
	PRIMARY KEY (name)
);

CREATE TABLE parties (
	name VARCHAR(80) NOT NULL,
	PRIMARY KEY (name)
);

CREATE TABLE source_files (
	path VARCHAR NOT NULL,
	content_hash VARCHAR(64) NOT NULL,
	document_id VARCHAR(80),
	status VARCHAR(20) NOT NULL,
	message VARCHAR,
	updated_at DATETIME NOT NULL,
	PRIMARY KEY (path)
);

CREATE TABLE documents (
	id VARCHAR(80) NOT NULL,
	source VARCHAR NOT NULL,
	content_hash VARCHAR(64) NOT NULL,
	kind VARCHAR(20) NOT NULL,
	case_number VARCHAR(20),
	vergaderjaar VARCHAR(9),
	aanhangsel_number INTEGER,
	subject VARCHAR,
	submitted DATE,
	received DATE,
	delay_days INTEGER,
	format VARCHAR(10),
	notice VARCHAR,
	notice_type VARCHAR(30),
	document_json VARCHAR NOT NULL,
	index_state VARCHAR(10) NOT NULL,
	updated_at DATETIME NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(case_number) REFERENCES cases (case_number)
);

CREATE INDEX ix_documents_case_number ON documents (case_number);

CREATE INDEX ix_documents_content_hash ON documents (content_hash);

CREATE INDEX ix_documents_index_state ON documents (index_state);

CREATE INDEX ix_documents_kind ON documents (kind);

CREATE INDEX ix_documents_received ON documents (received);

CREATE INDEX ix_documents_submitted ON documents (submitted);

CREATE TABLE people (
	id INTEGER NOT NULL,
	name VARCHAR(120) NOT NULL,
	kind VARCHAR(20) NOT NULL,
	party VARCHAR(80),
	PRIMARY KEY (id),
	FOREIGN KEY(party) REFERENCES parties (name)
);

CREATE INDEX ix_people_name ON people (name);

CREATE TABLE answers (
	id INTEGER NOT NULL,
	document_id VARCHAR(80) NOT NULL,
	ordinal INTEGER NOT NULL,
	numbers VARCHAR(200) NOT NULL,
	text VARCHAR NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(document_id) REFERENCES documents (id)
);

CREATE INDEX ix_answers_document_id ON answers (document_id);

CREATE TABLE commitments (
	id INTEGER NOT NULL,
	document_id VARCHAR(80) NOT NULL,
	location VARCHAR(20) NOT NULL,
	who VARCHAR,
	topic VARCHAR,
	due DATE,
	vague BOOLEAN NOT NULL,
	due_text VARCHAR,
	conditional BOOLEAN NOT NULL,
	text VARCHAR NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(document_id) REFERENCES documents (id)
);

CREATE INDEX ix_commitments_document_id ON commitments (document_id);

CREATE INDEX ix_commitments_due ON commitments (due);

CREATE TABLE document_people (
	document_id VARCHAR(80) NOT NULL,
	person_id INTEGER NOT NULL,
	relation VARCHAR(20) NOT NULL,
	role VARCHAR(40),
	ministry VARCHAR(160),
	PRIMARY KEY (document_id, person_id, relation),
	FOREIGN KEY(document_id) REFERENCES documents (id),
	FOREIGN KEY(person_id) REFERENCES people (id)
);

CREATE TABLE figures (
	id INTEGER NOT NULL,
	document_id VARCHAR(80) NOT NULL,
	location VARCHAR(20) NOT NULL,
	value FLOAT NOT NULL,
	unit VARCHAR(20) NOT NULL,
	subject VARCHAR,
	qualifier VARCHAR,
	as_of VARCHAR(20),
	source VARCHAR,
	role VARCHAR(20) NOT NULL,
	confirmed BOOLEAN NOT NULL,
	text VARCHAR NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(document_id) REFERENCES documents (id)
);

CREATE INDEX ix_figures_document_id ON figures (document_id);

CREATE TABLE footnotes (
	id INTEGER NOT NULL,
	document_id VARCHAR(80) NOT NULL,
	number INTEGER NOT NULL,
	text VARCHAR NOT NULL,
	url VARCHAR,
	PRIMARY KEY (id),
	FOREIGN KEY(document_id) REFERENCES documents (id)
);

CREATE INDEX ix_footnotes_document_id ON footnotes (document_id);

CREATE TABLE pairs (
	id VARCHAR(100) NOT NULL,
	document_id VARCHAR(80) NOT NULL,
	question_numbers VARCHAR(200) NOT NULL,
	question_text VARCHAR NOT NULL,
	answer_text VARCHAR,
	PRIMARY KEY (id),
	FOREIGN KEY(document_id) REFERENCES documents (id)
);

CREATE INDEX ix_pairs_document_id ON pairs (document_id);

CREATE TABLE questions (
	id INTEGER NOT NULL,
	document_id VARCHAR(80) NOT NULL,
	number INTEGER NOT NULL,
	text VARCHAR NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(document_id) REFERENCES documents (id)
);

CREATE INDEX ix_questions_document_id ON questions (document_id);

CREATE TABLE "references" (
	id INTEGER NOT NULL,
	document_id VARCHAR(80) NOT NULL,
	location VARCHAR(20) NOT NULL,
	kind VARCHAR(20) NOT NULL,
	ref_id VARCHAR,
	url VARCHAR,
	text VARCHAR NOT NULL,
	PRIMARY KEY (id),
	FOREIGN KEY(document_id) REFERENCES documents (id)
);

CREATE INDEX ix_references_document_id ON "references" (document_id);

CREATE INDEX ix_references_kind ON "references" (kind);

CREATE INDEX ix_references_ref_id ON "references" (ref_id);
