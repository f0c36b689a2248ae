/** The shared lib of the course: what is not the lesson (servers, clients, pictures, tables, watchdogs). */
package course;
